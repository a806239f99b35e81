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
