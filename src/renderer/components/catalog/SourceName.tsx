import { sourceCut } from './sourceCut';

/**
 * A dataset's source where its name goes while it has none, cut in the middle when too long
 * (sourceCut.ts). The parts are drawn by CSS (`.name.cut` in styles/catalog.css) with empty alt text, and
 * the whole source is the one text inside, visually hidden: the entry's text and accessible name
 * stay the source as it was, character for character.
 */
export function SourceName({ source }: { source: string }) {
  const { head, tail } = sourceCut(source);
  return (
    <span className="name cut" data-head={head} data-tail={tail}>
      <span className="cut-whole">{source}</span>
    </span>
  );
}
