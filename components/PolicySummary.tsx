import { useEffect, useState } from 'preact/hooks';
import { getRawSettings, openHeedDB } from '@/utils/store/db';
import { parseSettings, type Settings } from '@/utils/model/settings';

const PURPOSE = { 'ai-training': 'AI training', 'genai-training': 'Generative AI training', 'research-tdm': 'Research (TDM)' } as const;
const MODE = { licensed: 'licence required', 'opt-out': 'opt-outs only' } as const;

/** Purpose and mode at a glance, with a way to the library and settings. */
export function PolicySummary() {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    void openHeedDB()
      .then(async (db) => {
        setSettings(parseSettings(await getRawSettings(db)));
        db.close();
      })
      .catch(() => setSettings(parseSettings({})));
  }, []);
  return (
    <p class="policy" data-testid="policy-summary">
      {settings ? (
        <>
          For <strong>{PURPOSE[settings.purpose]}</strong>, {MODE[settings.mode]} · accepts {settings.acceptedLicences.join(', ')}
        </>
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
