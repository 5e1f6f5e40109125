/** A TCP port lotcast can listen on or connect to. */
export function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

/** How messages name the range: "a port from 1 to 65535". */
export const PORT_RANGE = 'from 1 to 65535';
