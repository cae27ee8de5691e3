import { useState } from 'preact/hooks';

/** The company logo from the media service; nothing at all while none was uploaded. */
export function Logo({ url, alt }: { url: string | null; alt: string }) {
  const [failed, setFailed] = useState(false);
  if (!url || failed) return null;
  return <img class="logo" src={url} alt={alt} onError={() => setFailed(true)} />;
}
