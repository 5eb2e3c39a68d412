// @ts-check
import { posix, relative, sep } from 'node:path';

/**
 * The layer rule behind eslint.config.js. ESLint's own `no-restricted-imports` matches the text of
 * a static import, so `import('electron')`, `'../platform/../streams/bus'` or `'./x.worker.js'`
 * walked past it. This one sees every way a module names another (import, export … from,
 * import(), `import x = require()`, `import('…')` in a type) and matches what the specifier means:
 * a relative one resolved against the file to a repo path without its extension
 * (`src/main/streams/bus`), a bare one as written (`node:http`, `electron/main`).
 *
 * Options: a list of restrictions `{ message, modules?, paths?, staticOnly? }`: `modules` is a
 * regex source tested on bare specifiers, `paths` one tested on resolved repo paths, and
 * `staticOnly` leaves `import()` alone (what must be loaded on demand). An `import()` whose
 * specifier is not a plain string is refused: what it loads cannot be checked.
 */

const EXTENSION = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** @param {string} file absolute path of the linted file @param {string} cwd @param {string} specifier */
export function resolveSpecifier(file, cwd, specifier) {
  const relativeFile = relative(cwd, file).split(sep).join('/');
  const isPath = specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/');
  if (!isPath) return { kind: 'module', name: specifier };
  const absolute = specifier.startsWith('/') ? posix.relative(cwd.split(sep).join('/'), specifier) : posix.join(posix.dirname(relativeFile), specifier);
  return { kind: 'path', name: posix.normalize(absolute).replace(/\/$/, '').replace(EXTENSION, '') };
}

/** @type {import('eslint').Rule.RuleModule} */
export const layerImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports across the layers of docs/contracts.md, static or dynamic, by resolved path.' },
    schema: {
      type: 'array',
      items: {
        type: 'object',
        properties: { message: { type: 'string' }, modules: { type: 'string' }, paths: { type: 'string' }, staticOnly: { type: 'boolean' } },
        required: ['message'],
        additionalProperties: false,
      },
    },
  },
  create(context) {
    const restrictions = context.options.map((o) => ({
      message: o.message,
      modules: o.modules ? new RegExp(o.modules) : undefined,
      paths: o.paths ? new RegExp(o.paths) : undefined,
      staticOnly: Boolean(o.staticOnly),
    }));

    /** @param {import('estree').Node} node @param {unknown} source @param {boolean} dynamic */
    function check(node, source, dynamic) {
      const specifier = literalText(source);
      if (specifier === undefined) {
        if (dynamic) context.report({ node, message: 'import() takes a plain string here, so the layer rules can check what it loads.' });
        return;
      }
      const target = resolveSpecifier(context.filename, context.cwd, specifier);
      for (const r of restrictions) {
        if (dynamic && r.staticOnly) continue;
        const pattern = target.kind === 'module' ? r.modules : r.paths;
        if (pattern?.test(target.name)) {
          context.report({ node, message: `'${specifier}'${target.name === specifier ? '' : ` (${target.name})`}: ${r.message}` });
          return;
        }
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source, false),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source, false),
      ExportAllDeclaration: (node) => check(node, node.source, false),
      ImportExpression: (node) => check(node, node.source, true),
      /** @param {any} node `import x = require('…')` */
      TSExternalModuleReference: (node) => check(node, node.expression, false),
      /** @param {any} node `import('…').Type` in a type: no code is loaded, but the layer is crossed */
      TSImportType: (node) => {
        const source = 'source' in node ? node.source : node.argument;
        check(node, source?.literal ?? source, false);
      },
    };
  },
};

/** A string literal or a template without expressions; undefined for anything computed. */
function literalText(/** @type {any} */ node) {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return undefined;
}

export default { rules: { imports: layerImports } };
