// The preinstall note: one line when npm runs on a Node older than the packages want, instead of npm's
// forty EBADENGINE warnings (.npmrc keeps npm to errors). Plain JavaScript: it runs on the machine's Node,
// before the project's own Node 24 is installed. Usage: node scripts/engine-note.mjs [VERSION]
const version = process.argv[2] ?? process.versions.node;
const major = Number(version.replace(/^v/, '').split('.')[0]);
if (Number.isInteger(major) && major < 24) {
  console.error(`note: npm runs on Node ${version.replace(/^v/, '')}; that is fine: every npm script runs on the project's own Node 24 (the node@24 devDependency).`);
}
