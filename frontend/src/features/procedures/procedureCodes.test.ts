import { describe, expect, it } from 'vitest';
import { parseProcedureCodes, PROCEDURE_CODE } from './procedureCodes';

describe('procedure codes of a staff member', () => {
  it('split on commas, spaces and lines, without repeats', () => {
    expect(parseProcedureCodes('1.001193, 2.000815\n1.001193 ;  ')).toEqual(['1.001193', '2.000815']);
    expect(parseProcedureCodes('   ')).toEqual([]);
  });

  it('match the national code format', () => {
    expect(PROCEDURE_CODE.test('1.001193')).toBe(true);
    expect(PROCEDURE_CODE.test('1.001193.000.00.00.H42')).toBe(false);
    expect(PROCEDURE_CODE.test('2.000815-ABC')).toBe(true);
    expect(PROCEDURE_CODE.test('1193')).toBe(false);
  });
});
