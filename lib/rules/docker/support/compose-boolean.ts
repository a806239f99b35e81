/**
 * Compose booleans: YAML true/false, and the strings Compose casts (compose-go loader/interpolate.go
 * toBoolean: `true`/`false`, and with a warning `y`/`yes`/`on`/`n`/`no`/`off`, any case), so
 * `privileged: "yes"` is as privileged as `privileged: true`.
 */

/** true or false as Compose reads the value, undefined when it is not a boolean (unset, `${VAR}`, a typo). */
export function composeBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  switch (value.toLowerCase()) {
    case 'true':
    case 'y':
    case 'yes':
    case 'on':
      return true;
    case 'false':
    case 'n':
    case 'no':
    case 'off':
      return false;
    default:
      return undefined;
  }
}
