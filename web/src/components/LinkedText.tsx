import { linkedParts } from './linked-text';

/** A message's text with its web addresses as links (opened in a new tab, without the page's referrer). */
export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {linkedParts(text).map((part, index) =>
        part.kind === 'url' ? (
          <a key={index} href={part.text} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
