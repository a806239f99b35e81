/**
 * Runs a Fluent Bit Lua filter script in fengari (a Lua 5.3 VM in JavaScript): the forwarder's
 * redaction script is tested as Lua, not as a translation. Fluent Bit embeds LuaJIT (Lua 5.1);
 * the pattern subset lib/cdk8s/lua-pattern.ts accepts behaves the same in both.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const { lua, lauxlib, lualib, to_luastring, to_jsstring } = require('fengari');

/** A record as the filter returns it: the return code and the `log` field (and a nested copy). */
export interface FilterResult {
  readonly code: number;
  readonly log: string;
  readonly nested: string;
}

/** Loads `script` and returns a function calling `call(tag, timestamp, { log = line, kubernetes = { note = line } })`. */
export function luaFilter(script: string, call = 'redact'): (line: string) => FilterResult {
  const L = lauxlib.luaL_newstate();
  lualib.luaL_openlibs(L);
  const driver = `${script}\nfunction __run(line)\n  local code, ts, r = ${call}("kube.var.log", 1700000000, { log = line, kubernetes = { note = line } })\n  return code, r.log, r.kubernetes.note\nend\n`;
  if (lauxlib.luaL_dostring(L, to_luastring(driver)) !== lua.LUA_OK) throw new Error(`Lua: ${to_jsstring(lua.lua_tostring(L, -1))}`);
  return (line: string) => {
    lua.lua_getglobal(L, to_luastring('__run'));
    lua.lua_pushstring(L, to_luastring(line));
    if (lua.lua_pcall(L, 1, 3, 0) !== lua.LUA_OK) throw new Error(`Lua: ${to_jsstring(lua.lua_tostring(L, -1))}`);
    const result = { code: lua.lua_tointeger(L, -3), log: to_jsstring(lua.lua_tostring(L, -2)), nested: to_jsstring(lua.lua_tostring(L, -1)) };
    lua.lua_pop(L, 3);
    return result;
  };
}
