/**
 * A setting of the check (an option such as allowedRegistries) that cannot be used. Rules
 * throw it when they read a setting; unlike any other error a rule throws, the engine does not
 * turn it into a finding on one object but stops the check, because it is wrong for every object.
 */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}
