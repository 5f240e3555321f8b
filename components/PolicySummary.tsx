import { useEffect, useState } from 'preact/hooks';
import { getRawSettings, openHeedDB } from '@/utils/store/db';
import { settingsForDeciding, type SettingsForDeciding } from '@/utils/model/settings';

const PURPOSE = { 'ai-training': 'AI training', 'genai-training': 'Generative AI training', 'research-tdm': 'Research (TDM)' } as const;
const MODE = { licensed: 'licence required', 'opt-out': 'opt-outs only' } as const;

/** Purpose and mode at a glance, with a way to the library and settings. */
export function PolicySummary() {
  const [loaded, setLoaded] = useState<SettingsForDeciding | null>(null);
  useEffect(() => {
    void openHeedDB()
      .then(async (db) => {
        setLoaded(settingsForDeciding(await getRawSettings(db)));
        db.close();
      })
      .catch((err: unknown) => setLoaded({ ok: false, problem: 'not-an-object', message: `Heed's settings could not be read (${String(err)}).` }));
  }, []);
  const settings = loaded?.ok ? loaded.settings : null;
  return (
    <p class="policy" data-testid="policy-summary">
      {settings ? (
        <>
          For <strong>{PURPOSE[settings.purpose]}</strong>, {MODE[settings.mode]} · accepts {settings.acceptedLicences.join(', ')}
        </>
      ) : loaded && !loaded.ok ? (
        <span class="error" data-testid="settings-unusable">{loaded.message}</span>
      ) : (
        'Loading settings…'
      )}{' '}
      ·{' '}
      <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
        Library &amp; settings
      </button>
    </p>
  );
}
