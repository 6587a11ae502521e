/** The day a page is printed: today, brought up to date when the browser is about to print (a page left open overnight). */
import { useEffect, useState } from 'react';

export function usePrintDate(): Date {
  const [date, setDate] = useState(() => new Date());
  useEffect(() => {
    const refresh = () => setDate(new Date());
    window.addEventListener('beforeprint', refresh);
    return () => window.removeEventListener('beforeprint', refresh);
  }, []);
  return date;
}
