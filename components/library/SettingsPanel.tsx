import { useEffect, useState } from 'preact/hooks';
import { getRawSettings, putRawSettings, type HeedDatabase } from '@/utils/store/db';
import { loadSettings, type LoadedSettings } from '@/utils/model/settings';
import { formToSettings, settingsToForm, type SettingsForm, type SettingsFormErrors } from '@/utils/ui/settings-form';
import { SettingsFields } from './SettingsFields';

function problemText(loaded: LoadedSettings): string | null {
  switch (loaded.problem) {
    case null:
      return null;
    case 'invalid-fields':
      return `Some stored settings were unreadable and show their defaults: ${loaded.resetFields.join(', ')}. Saving will store these values.`;
    case 'future-version':
      return `${loaded.migration.detail ?? 'Settings come from a newer Heed'}. Heed is using the defaults; saving replaces the newer settings.`;
    default:
      return `${loaded.migration.detail ?? 'Stored settings are unreadable'}. Heed is using the defaults; saving replaces them.`;
  }
}

/** The settings editor: loads through the migrations, validates with the schema, saves through db.ts. */
export function SettingsPanel({ db, announce }: { db: HeedDatabase; announce(text: string): void }) {
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [errors, setErrors] = useState<SettingsFormErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    getRawSettings(db)
      .then((raw) => {
        const loaded = loadSettings(raw);
        setForm(settingsToForm(loaded.settings));
        setProblem(problemText(loaded));
      })
      .catch((err: unknown) => setProblem(`Could not read settings: ${String(err)}`));
  }, [db]);

  if (!form) return <p class="muted">{problem ?? 'Loading settings…'}</p>;

  const set = <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]) => {
    setForm({ ...form, [key]: value });
    setStatus(null);
  };

  const save = async (e: Event) => {
    e.preventDefault();
    const result = formToSettings(form);
    if (!result.ok) {
      setErrors(result.errors);
      setStatus('Not saved: fix the fields marked below.');
      // Focus the first invalid field so keyboard and screen-reader users land on the problem.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"], .field__error')?.focus());
      return;
    }
    try {
      await putRawSettings(db, result.settings);
      setErrors({});
      setForm(settingsToForm(result.settings));
      setProblem(null);
      setStatus('Settings saved.');
      announce('Settings saved');
    } catch (err) {
      setStatus(`Not saved: ${String(err)}`);
    }
  };

  return (
    <form class="settings" onSubmit={save} data-testid="settings-form" noValidate>
      <h2>Settings</h2>
      {problem ? <p class="warning" role="alert" data-testid="settings-problem">{problem}</p> : null}
      <SettingsFields form={form} errors={errors} set={set} />
      <div class="settings__actions">
        <button type="submit" class="primary" data-testid="settings-save">Save settings</button>
        <p role="status" class={status?.startsWith('Not saved') ? 'error' : 'ok'} data-testid="settings-status">{status ?? ''}</p>
      </div>
    </form>
  );
}
