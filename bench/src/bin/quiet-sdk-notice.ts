// Imported first by the harness's entry points. The lockfile pins an AWS SDK release that supports
// Node 20 (README "Set-up"); its NodeVersionSupportWarning (later releases will need Node 22) is
// known, says nothing about the run, and would land in the middle of the progress output. The
// tests silence it the same way (vitest.config.ts). Children inherit it through process.env.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
