import { useEffect, useState } from 'preact/hooks';

/**
 * Heed reads the pages and images of the sites the user collects from: the manifest's
 * `<all_urls>` host permission (README, "Permissions"). Chromium grants it at install; Firefox
 * (MV3) lets the user withhold it, at install or later in the add-on's settings ("Permissions
 * and data"). Without it Heed can neither assess a site nor collect from it, so the popup says
 * so and asks, instead of failing on every page.
 */
const HOST_ACCESS = { origins: ['<all_urls>'] };

export function HostAccess({ onGranted }: { onGranted: () => void }) {
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    void browser.permissions.contains(HOST_ACCESS).then((has) => setMissing(!has), () => setMissing(false));
  }, []);
  if (!missing) return null;
  // request() is called in the click itself: Firefox only asks during a user action.
  const grant = () =>
    void browser.permissions.request(HOST_ACCESS).then((ok) => {
      if (!ok) return;
      setMissing(false);
      onGranted();
    });
  return (
    <section class="host-access" role="alert" data-testid="host-access-missing">
      <p>Heed has no access to websites, so it cannot read this page or its images. Firefox lets you withhold this access; Heed needs it for every site you collect from.</p>
      <button type="button" data-testid="grant-host-access" onClick={grant}>
        Allow access to websites
      </button>
    </section>
  );
}
