// Parses each PowerShell file given with the tree-sitter PowerShell grammar
// and prints FILE:LINE:COLUMN for every syntax error or missing token.
// Usage: node parse.cjs PARSER_DIR FILE...  (PARSER_DIR holds node_modules)
const fs = require('fs');
const path = require('path');
const dir = process.argv[2];
const { Parser, Language } = require(require.resolve('web-tree-sitter', { paths: [dir] }));
(async () => {
  await Parser.init();
  const lang = await Language.load(path.join(dir, 'node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm'));
  const parser = new Parser();
  parser.setLanguage(lang);
  let bad = 0;
  for (const f of process.argv.slice(3)) {
    const text = fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, '');
    const tree = parser.parse(text);
    const walk = (n) => {
      if (n.type === 'ERROR' || n.isMissing) {
        bad++;
        console.log(`${f}:${n.startPosition.row + 1}:${n.startPosition.column + 1}: ${n.isMissing ? 'missing ' + n.type : 'syntax error'}`);
      }
      for (let i = 0; i < n.childCount; i++) walk(n.child(i));
    };
    walk(tree.rootNode);
  }
  process.exit(bad ? 1 : 0);
})();
