import { useEffect, useState } from 'preact/hooks';
import { getRawSettings, putRawSettings, type HeedDatabase } from '@/utils/store/db';
import { loadSettings, readFieldByField, type LoadedSettings } from '@/utils/model/settings';
import { formToSettings, settingsToForm, type SettingsForm, type SettingsFormErrors } from '@/utils/ui/settings-form';
import { SettingsFields } from './SettingsFields';
import { SettingsHistory } from './SettingsHistory';

function problemText(loaded: LoadedSettings): string | null {
  switch (loaded.problem) {
    case null:
      return null;
    case 'invalid-fields':
      return `Some stored settings are invalid: ${loaded.resetFields.join(', ')}. Below, each shows what Heed could read of it (a list keeps its readable entries, people reads as refuse) or its default; check them. Heed does not collect until they are saved again.`;
    case 'future-version':
      return `${loaded.migration.detail ?? 'Settings come from a newer Heed'}. Heed does not collect under them. Below is what this Heed can read of them (your block and allow lists included); saving replaces the newer settings.`;
    default:
      return `${loaded.migration.detail ?? 'Stored settings are unreadable'}. Heed does not collect until they are saved again; below is what could be read of them.`;
  }
}

/** The settings editor (and, below it, Clear history): loads through the migrations, validates with the schema, saves through db.ts. */
export function SettingsPanel({ db, announce }: { db: HeedDatabase; announce(text: string): void }) {
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [errors, setErrors] = useState<SettingsFormErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  /** Stored settings this page could not use whole are replaced only when the user says so. */
  const [mustConfirm, setMustConfirm] = useState(false);
  const [confirmed, setConfirmed] = useState(false);

  useEffect(() => {
    getRawSettings(db)
      .then((raw) => {
        const loaded = loadSettings(raw);
        // Never start from bare defaults over what the user stored: every readable field is kept.
        setForm(settingsToForm(loaded.problem === null ? loaded.settings : readFieldByField(raw)));
        setProblem(problemText(loaded));
        setMustConfirm(loaded.problem !== null);
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
    if (mustConfirm && !confirmed) {
      setStatus('Not saved: tick “Replace the stored settings” first.');
      return;
    }
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
      setMustConfirm(false);
      setStatus('Settings saved.');
      announce('Settings saved');
    } catch (err) {
      setStatus(`Not saved: ${String(err)}`);
    }
  };

  return (
    <>
      <form class="settings" onSubmit={save} data-testid="settings-form" noValidate>
        <h2>Settings</h2>
        {problem ? <p class="warning" role="alert" data-testid="settings-problem">{problem}</p> : null}
        <SettingsFields form={form} errors={errors} set={set} />
        {mustConfirm ? (
          <label class="settings__confirm">
            <input type="checkbox" data-testid="settings-replace-confirm" checked={confirmed} onChange={(e) => setConfirmed((e.currentTarget as HTMLInputElement).checked)} /> Replace the
            stored settings with the values above
          </label>
        ) : null}
        <div class="settings__actions">
          <button type="submit" class="primary" data-testid="settings-save">Save settings</button>
          <p role="status" class={status?.startsWith('Not saved') ? 'error' : 'ok'} data-testid="settings-status">{status ?? ''}</p>
        </div>
      </form>
      <SettingsHistory db={db} announce={announce} />
    </>
  );
}
