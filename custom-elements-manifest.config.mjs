// custom-elements.json for editors, Storybook and docs tools: `npm run analyze` (part of
// `npm run build`) writes it into dist/, so it ships with the package without being committed.

/** The manifest names modules as the package publishes them (dist/lib/*.js), not as TypeScript sources. */
const publishedPath = (path) => path?.replace(/^\/?src\/(.*)\.[jt]s$/, 'dist/lib/$1.js');

/** Lit's internal state (`state: true`) is not an attribute, and #private members are not API. */
function publicApiOnly() {
  return {
    name: 'public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        module.path = publishedPath(module.path);
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement) continue;
          const hidden = new Set((declaration.members ?? []).filter((member) => member.privacy && member.privacy !== 'public').map((member) => member.name));
          declaration.members = (declaration.members ?? []).filter((member) => !hidden.has(member.name));
          declaration.attributes = (declaration.attributes ?? []).filter((attribute) => !hidden.has(attribute.fieldName));
        }
        for (const exported of module.exports ?? []) {
          if (exported.declaration?.module) exported.declaration.module = publishedPath(exported.declaration.module);
        }
      }
    },
  };
}

/**
 * The built-in controls document their slots, parts and custom properties beside themselves
 * (src/ui/controls-api.ts); they are the element's, so they move into its entry.
 */
function controlsApiIntoTheElement() {
  const documentingClass = 'AmsCdnPlayerControlsApi';
  return {
    name: 'controls-api-into-the-element',
    packageLinkPhase({ customElementsManifest }) {
      const { modules } = customElementsManifest;
      const source = modules.find((module) => module.declarations?.some((declaration) => declaration.name === documentingClass));
      const element = modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === 'ams-cdn-player');
      if (!source || !element) throw new Error(`the manifest needs ${documentingClass} and <ams-cdn-player>`);
      const controls = source.declarations.find((declaration) => declaration.name === documentingClass);
      for (const key of ['slots', 'cssParts', 'cssProperties']) element[key] = [...(element[key] ?? []), ...(controls[key] ?? [])];
      modules.splice(modules.indexOf(source), 1);
    },
  };
}

export default {
  globs: ['src/index.ts', 'src/element/ams-cdn-player.ts', 'src/urls/stream-url.ts', 'src/ui/controls-api.ts'],
  outdir: 'dist',
  litelement: true,
  packagejson: false,
  plugins: [controlsApiIntoTheElement(), publicApiOnly()],
};
