// Text a person can type never holds C0 control characters or DEL (tab, line feed and carriage
// return aside). PostgreSQL refuses a NUL byte outright; the others only make trouble later.
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}
