import { compileLuaPattern, luaStringLiteral } from '../../lib/cdk8s/lua-pattern';
import { luaFilter } from '../helpers/lua';

/** Runs string.gsub(line, pattern, '<>') in Lua (fengari) through a one-pattern filter script. */
function luaGsub(pattern: string, line: string): string {
  const script = `function redact(tag, ts, record)\n  record.log = string.gsub(record.log, ${luaStringLiteral(pattern)}, "<>")\n  record.kubernetes.note = record.log\n  return 2, ts, record\nend\n`;
  return luaFilter(script)(line).log;
}

const CASES: [string, string[]][] = [
  ['%d%d%d%-%d%d', ['a 123-45 b', '12-345', '999-999-99']],
  ['[%w%.]+@%a+', ['x.y@host z', '@@', 'a@b@c']],
  ['^%s*#', ['  # comment', 'x # not', '#']],
  ['end$', ['the end', 'end end', 'ending']],
  ['a.-b', ['aXbYb', 'ab', 'a\nb']],
  ['[^%d%s]+', ['ab 12 cd3', '   ']],
  ['%(?%d%d%)?', ['(12) 34', '(5']],
  ['[a-c%-]+', ['x-abc-y', 'd']],
  ['[]x]+', ['a]]x b']],
  ['%S+%.log', ['/var/log/a.log b.log', 'nolog']],
  ['x*y', ['xxxy y', 'z']],
  ['[%%$]%d', ['cost $5 or %7', '$$']],
];

describe('Lua patterns compile to RegExps that agree with Lua', () => {
  test.each(CASES)('%s', (pattern, lines) => {
    const c = compileLuaPattern(pattern);
    expect(c.problem).toBeUndefined();
    for (const line of lines) expect(line.replace(c.regExp!, '<>')).toBe(luaGsub(pattern, line));
  });

  test('refused: what Lua would refuse, and what would not mean what it seems', () => {
    expect(compileLuaPattern('').problem).toBe('is empty');
    expect(compileLuaPattern('%').problem).toBe("ends with '%' (malformed pattern)");
    expect(compileLuaPattern('[a-').problem).toBe("has a set '[' at position 1 without its ']' (malformed pattern)");
    expect(compileLuaPattern('(%d)').problem).toBe("has a capture '(' at position 1; captures are not supported (the whole match is replaced)");
    expect(compileLuaPattern('%1').problem).toBe("has a back-reference '%1' at position 1; captures are not supported");
    expect(compileLuaPattern('%bxy').problem).toBe("has '%b' at position 1, which is not supported (%b and %f are left out)");
    expect(compileLuaPattern('[%S]').problem).toBe("has the complement class '%S' at position 2 inside a set; write the set with [^...] instead");
    expect(compileLuaPattern('[z-a]').problem).toBe("has the range 'z-a' at position 2, whose end comes before its start");
    expect(compileLuaPattern('a?').problem).toBe('can match the empty string, so gsub would insert the replacement between every character');
  });

  test('refused: regular-expression habits Lua reads as something else (it would never redact)', () => {
    // Lua reads '\\d' as a backslash and a 'd', and '{3}' as braces: the pattern compiles and never matches an SSN.
    expect(luaGsub('\\d\\d\\d-\\d\\d-\\d\\d\\d\\d', 'ssn 123-45-6789')).toBe('ssn 123-45-6789');
    expect(compileLuaPattern('\\d\\d\\d-\\d\\d-\\d\\d\\d\\d').problem).toBe(
      "has '\\d' at position 1, a regular-expression escape: Lua reads it as a literal backslash followed by 'd'. Lua escapes with '%': write %d (a literal backslash is %\\)",
    );
    expect(luaGsub('%d{3}', 'id 123')).toBe('id 123');
    expect(compileLuaPattern('%d{3}%-%d{2}').problem).toBe(
      "has '{3}' at position 3, a regular-expression repetition: Lua reads the braces literally and has no counted repetition. Repeat the item instead (%d%d%d)",
    );
    // 'MRN-%d+' is 'MR', then as few 'N' as possible, then digits: it misses 'MRN-123' and redacts 'MR123'.
    expect(luaGsub('MRN-%d+', 'MRN-123 MR123')).toBe('MRN-123 <>');
    expect(compileLuaPattern('MRN-%d+').problem).toBe(
      "has '-' after 'N' at position 4: Lua reads it as 'as few N as possible' (lazy repetition), not a hyphen. Write %- for a literal '-'",
    );
    expect(compileLuaPattern('[é]+').problem).toBe(
      "has 'é' at position 2 in a set: Lua patterns match bytes, so the set holds each byte of its UTF-8 encoding and would cut characters apart. Write it outside a set, without a quantifier",
    );
    expect(compileLuaPattern('né+').problem).toBe(
      "has 'é' at position 2 before a quantifier: Lua patterns match bytes, so the quantifier repeats only its last byte. Write it outside a set, without a quantifier",
    );
    // Still accepted: lazy repetition of a class, a literal non-ASCII sequence, braces that are no repetition.
    for (const ok of ['a.-b', '%s-x', 'né', '{x}', '%{3}']) expect(compileLuaPattern(ok).problem).toBeUndefined();
  });

  test('a Lua string literal keeps every byte, quotes, backslashes, newlines and UTF-8 included', () => {
    const text = 'a "b" \\c\n%d é';
    const script = `function redact(tag, ts, record)\n  record.log = ${luaStringLiteral(text)}\n  record.kubernetes.note = record.log\n  return 2, ts, record\nend\n`;
    expect(luaFilter(script)('x').log).toBe(text);
  });
});
