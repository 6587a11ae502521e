/**
 * Asks before the user leaves a page that holds a change not saved yet: a link or the menu inside the application
 * (the router's blocker, with the browser's own confirmation) and closing or reloading the tab (beforeunload).
 * A jump within the page (#…) is not leaving it.
 */
import { useEffect } from 'react';
import { useBlocker } from 'react-router-dom';

export function useLeaveGuard(isActive: boolean, message: string): void {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      isActive &&
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(message)) blocker.proceed();
    else blocker.reset();
  }, [blocker, message]);
  useEffect(() => {
    if (!isActive) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isActive]);
}
