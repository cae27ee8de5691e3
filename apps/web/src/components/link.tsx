import type { ComponentChildren } from 'preact';
import { followLink } from '../router.js';

/** An in-page link: a real `<a href>`, so it is keyboard-usable and opens in a new tab when asked. */
export function Link({
  href,
  children,
  ...rest
}: {
  href: string;
  children: ComponentChildren;
  class?: string;
  'aria-label'?: string;
  'aria-current'?: 'page';
}) {
  return (
    <a href={href} onClick={followLink} {...rest}>
      {children}
    </a>
  );
}
