import { describe, expect, it } from 'vitest';
import { normalizeLookup } from './queries';

describe('dossier lookup', () => {
  it('trims and capitalises the code but never shortens it', () => {
    expect(normalizeLookup(' 000.00.25.h42-261128-0001 ', ' 5678 ')).toEqual({
      code: '000.00.25.H42-261128-0001',
      phoneLast4: '5678',
    });
  });
});
