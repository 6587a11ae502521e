/** The minimum necessary a candidate organisation sees before it accepts (no name, no address). */

/** 10-year age band on a date: "80代"; under 20 in 5-year bands ("0〜4歳") for children. */
export function ageOn(birthDate: string, onDate: string): number {
  const [birthYear = 0, birthMonth = 0, birthDay = 0] = birthDate.split('-').map(Number);
  const [year = 0, month = 0, day = 0] = onDate.split('-').map(Number);
  let age = year - birthYear;
  if (month < birthMonth || (month === birthMonth && day < birthDay)) age -= 1;
  return age;
}

export function ageBand(birthDate: string, onDate: string): string {
  const age = Math.max(0, ageOn(birthDate, onDate));
  if (age < 20) {
    const low = Math.floor(age / 5) * 5;
    return `${low}〜${low + 4}歳`;
  }
  if (age >= 100) return '100歳以上';
  return `${Math.floor(age / 10) * 10}代`;
}
