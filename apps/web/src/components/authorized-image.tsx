import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../context.js';

/**
 * A photo the API serves only with the bearer token: fetched as a blob and
 * shown from an object URL (an `<img src>` cannot send the token, and a token
 * in the URL would end up in logs and the browser's history).
 */
export function AuthorizedImage({ path, alt, class: className }: { path: string; alt: string; class?: string }) {
  const { api } = useApp();
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let objectUrl: string | null = null;
    let live = true;
    api.blob(path).then(
      (blob) => {
        if (!live) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [path]);
  if (failed) return <span class="image-failed">{alt} ✕</span>;
  if (!url) return <span class="image-loading" aria-busy="true" />;
  return <img src={url} alt={alt} class={className} />;
}
