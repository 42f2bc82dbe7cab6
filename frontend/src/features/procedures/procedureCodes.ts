/** Procedure codes as the catalog writes them, and a list of them typed by hand. Pure. */

export const PROCEDURE_CODE = /^\d\.\d{6,9}([.-][A-Za-z0-9]{1,12})?$/;

/** Procedure codes typed one per line or separated by commas or spaces, without repeats. */
export function parseProcedureCodes(text: string): string[] {
  const codes = text
    .split(/[\s,;]+/)
    .map((c) => c.trim())
    .filter(Boolean);
  return codes.filter((c, i) => codes.indexOf(c) === i);
}
