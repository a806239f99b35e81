import { compareControlIds, hipaaControlToken, nistControlsOf, oscalControlId } from '../../../lib/report/oscal/nist-control-ids';
import { OSCAL_UUID_NAMESPACE, URL_NAMESPACE, uuidV5 } from '../../../lib/report/oscal/uuid';

describe('uuidV5', () => {
  test('matches RFC 4122 version 5 (the well-known vector) and is our namespace', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(uuidV5('https://github.com/hipaa-constructs/hipaa-constructs', URL_NAMESPACE)).toBe(OSCAL_UUID_NAMESPACE);
    expect(uuidV5('finding|ac-6')).toBe(uuidV5('finding|ac-6'));
    expect(uuidV5('finding|ac-6')).not.toBe(uuidV5('finding|ac-7'));
    expect(uuidV5('naïve ✓')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('gives the UUIDs it always gave (values of the Buffer-per-UUID implementation; Python uuid5 agrees where it can encode)', () => {
    const known: [string, string][] = [
      ['', 'f67014d3-4acc-55b7-9b07-99d535c2b335'],
      ['risk|a', 'afbc2249-9dae-5268-9813-69677bb828b3'],
      ['naïve ✓ 日本', '3728d981-8e65-510a-babe-8d8d0367b1ca'],
      // Lone surrogates are written as U+FFFD, as Buffer writes them.
      ['lone \ud800 high', '0f9953c9-7dfd-5f69-874b-a89c57446db9'],
      ['lone \udc00 low', '152cf864-f23c-5e01-89cd-3d6c32064c57'],
      ['pair \ud83d\ude00', '14944e11-29f3-5cfd-b17a-22ab683e74f5'],
      ['quote " back \\ </script>', 'fec0561f-9332-5f7f-81ed-1807b8cd493b'],
      ['ctl \u0000\u0001\n', '07a837b4-eb1b-548a-8dea-ce696510ccfc'],
      // Names that fill the reused buffer, and longer ones (hashed from a buffer of their own).
      ['x'.repeat(21840), '2d20319f-e6ad-5005-b1d8-dbb8b66cd5b5'],
      ['y'.repeat(30000), 'f055cfbe-75e4-56f7-b213-be96380a51f3'],
      ['é'.repeat(30000), 'dc5eb2cf-cd53-5712-bd50-123e3374bee5'],
    ];
    for (const [name, uuid] of known) expect(uuidV5(name)).toBe(uuid);
    // Another namespace between two of ours (the reused buffer starts with the namespace's bytes).
    expect(uuidV5('risk|a', URL_NAMESPACE)).toBe('f5e7e9cd-4707-533b-9aad-12cbfd18d767');
    expect(uuidV5('risk|a')).toBe('afbc2249-9dae-5268-9813-69677bb828b3');
    // Every variant digit (8, 9, a, b) and the version digit over many names.
    const digits = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const u = uuidV5(`n${i}`);
      expect(u[14]).toBe('5');
      digits.add(u[19]);
    }
    expect([...digits].sort()).toEqual(['8', '9', 'a', 'b']);
  });
});

describe('control ids', () => {
  test('NIST ids as OSCAL catalogue tokens; HIPAA citations as tokens of our own', () => {
    expect(oscalControlId('AC-6')).toBe('ac-6');
    expect(oscalControlId('AC-2(1)')).toBe('ac-2.1');
    expect(oscalControlId('SC-12')).toBe('sc-12');
    expect(() => oscalControlId('164.312(a)(1)')).toThrow("'164.312(a)(1)' is not a NIST SP 800-53 control id (expected e.g. AC-6 or AC-2(1))");
    expect(hipaaControlToken('164.312(a)(2)(iv)')).toBe('hipaa-164.312.a.2.iv');
    expect(['sc-8', 'ac-2.1', 'ac-10', 'ac-2'].sort(compareControlIds)).toEqual(['ac-2', 'ac-2.1', 'ac-10', 'sc-8']);
  });

  test('nistControlsOf maps citations to NIST controls, each with its citations', () => {
    const m = nistControlsOf(['164.312(e)(1)', '164.312(e)(2)(i)']);
    expect([...m.keys()]).toEqual(['sc-7', 'sc-8', 'si-7']);
    expect(m.get('sc-8')!.map((c) => c.id)).toEqual(['164.312(e)(1)', '164.312(e)(2)(i)']);
  });
});
