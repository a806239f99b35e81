import { javascript, typescript } from "projen";
const project = new typescript.TypeScriptProject({
  name: "hipaa-constructs",
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  // defaultReleaseBranch: "main",  /* The name of the main release branch. */
  // deps: [],                      /* Runtime dependencies of this module. */
  // description: undefined,        /* The description is just a string that helps people understand the purpose of the package. */
  // devDeps: [],                   /* Build dependencies for this module. */
  // packageName: undefined,        /* The "name" in package.json. */
});
project.synth();