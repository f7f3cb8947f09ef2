/**
 * The track a page asks for by `wanted`, among audio renditions or caption tracks: by language
 * ("de" matches "de" and "de-AT"), else by name, case aside; -1 when none matches or nothing is asked.
 */
export function trackIndexFor(tracks: readonly { name: string; language: string }[], wanted: string | null): number {
  const asked = wanted?.trim().toLowerCase();
  if (!asked) return -1;
  const byLanguage = tracks.findIndex(({ language }) => {
    const own = language.toLowerCase();
    return own === asked || own.startsWith(`${asked}-`);
  });
  return byLanguage >= 0 ? byLanguage : tracks.findIndex(({ name }) => name.toLowerCase() === asked);
}
