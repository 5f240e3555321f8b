import type { ComponentChildren } from 'preact';
import { PURPOSES } from '@/utils/model/evidence';
import { COMMON_LICENCES, type SettingsForm, type SettingsFormErrors } from '@/utils/ui/settings-form';

interface FieldsProps {
  form: SettingsForm;
  errors: SettingsFormErrors;
  set<K extends keyof SettingsForm>(key: K, value: SettingsForm[K]): void;
}

const PURPOSE_TEXT: Record<string, string> = {
  'ai-training': 'AI training (any model)',
  'genai-training': 'Generative AI training',
  'research-tdm': 'Research: text and data mining',
};

function Err({ id, text }: { id: string; text: string | undefined }) {
  return text ? <p id={id} class="field__error">{text}</p> : null;
}

function Field({ name, label, hint, errors, children }: { name: keyof SettingsForm; label: string; hint?: string; errors: SettingsFormErrors; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={`s-${name}`}>{label}</label>
      {children}
      {hint ? <p id={`s-${name}-hint`} class="field__hint">{hint}</p> : null}
      <Err id={`s-${name}-error`} text={errors[name]} />
    </div>
  );
}

/** Attributes tying an input to its hint and error. */
const described = (name: keyof SettingsForm, errors: SettingsFormErrors, hint = false) => ({
  id: `s-${name}`,
  'aria-invalid': errors[name] ? ('true' as const) : undefined,
  'aria-describedby': [hint ? `s-${name}-hint` : '', errors[name] ? `s-${name}-error` : ''].filter(Boolean).join(' ') || undefined,
});

/** The settings inputs; values are strings until the form is validated on save. */
export function SettingsFields({ form, errors, set }: FieldsProps) {
  const toggleLicence = (id: string, on: boolean) => set('licences', on ? [...form.licences, id] : form.licences.filter((l) => l !== id));
  return (
    <>
      <Field name="purpose" label="Purpose" errors={errors} hint="Selects which AI crawler opt-outs and data-mining rules apply.">
        <select {...described('purpose', errors, true)} value={form.purpose} data-testid="setting-purpose" onChange={(e) => set('purpose', e.currentTarget.value)}>
          {PURPOSES.map((p) => <option key={p} value={p}>{PURPOSE_TEXT[p] ?? p}</option>)}
        </select>
      </Field>
      <fieldset class="field" aria-describedby={errors.mode ? 's-mode-error' : undefined}>
        <legend>Mode</legend>
        <label class="check"><input type="radio" name="mode" value="licensed" checked={form.mode === 'licensed'} data-testid="setting-mode-licensed" onChange={() => set('mode', 'licensed')} /> Licensed: keep an image only when an accepted licence covers it</label>
        <label class="check"><input type="radio" name="mode" value="opt-out" checked={form.mode === 'opt-out'} data-testid="setting-mode-opt-out" onChange={() => set('mode', 'opt-out')} /> Opt-out: no licence needed, every opt-out still honoured</label>
        <Err id="s-mode-error" text={errors.mode} />
      </fieldset>
      <fieldset class="field" aria-describedby={errors.licences ? 's-licences-error' : undefined}>
        <legend>Accepted licences (any version)</legend>
        <div class="checks">
          {COMMON_LICENCES.map((l) => (
            <label key={l.id} class="check"><input type="checkbox" checked={form.licences.includes(l.id)} data-testid={`setting-licence-${l.id}`} onChange={(e) => toggleLicence(l.id, e.currentTarget.checked)} /> {l.label}</label>
          ))}
        </div>
        <Err id="s-licences-error" text={errors.licences} />
        <label for="s-otherLicences">Other licence ids (SPDX, comma-separated)</label>
        <input type="text" {...described('otherLicences', errors)} value={form.otherLicences} placeholder="e.g. CC-BY-NC-4.0" onInput={(e) => set('otherLicences', e.currentTarget.value)} />
        <Err id="s-otherLicences-error" text={errors.otherLicences} />
      </fieldset>
      <Field name="userAllow" label="Always allow these sites" errors={errors} hint="One site per line; a host you name (cdn.example.com) is allowed with its subdomains, not the rest of its domain. Overrides the built-in site registry, never a site’s own signals.">
        <textarea {...described('userAllow', errors, true)} rows={3} value={form.userAllow} data-testid="setting-allow" onInput={(e) => set('userAllow', e.currentTarget.value)} />
      </Field>
      <Field name="userBlock" label="Never collect from these sites" errors={errors} hint="One domain per line; subdomains are included.">
        <textarea {...described('userBlock', errors, true)} rows={3} value={form.userBlock} data-testid="setting-block" onInput={(e) => set('userBlock', e.currentTarget.value)} />
      </Field>
      <div class="field-row">
        <Field name="maxImageMb" label="Max image size (MB)" errors={errors}>
          <input type="number" min={0.01} step="any" inputMode="decimal" {...described('maxImageMb', errors)} value={form.maxImageMb} data-testid="setting-max-mb" onInput={(e) => set('maxImageMb', e.currentTarget.value)} />
        </Field>
        <Field name="perOriginConcurrency" label="Downloads at once per site" errors={errors}>
          <input type="number" min={1} max={16} step={1} {...described('perOriginConcurrency', errors)} value={form.perOriginConcurrency} data-testid="setting-concurrency" onInput={(e) => set('perOriginConcurrency', e.currentTarget.value)} />
        </Field>
        <Field name="minImageSide" label="Min image side (px)" errors={errors} hint="Images smaller both as shown and as stored are skipped as icons; 0 keeps all.">
          <input type="number" min={0} step={1} {...described('minImageSide', errors, true)} value={form.minImageSide} data-testid="setting-min-side" onInput={(e) => set('minImageSide', e.currentTarget.value)} />
        </Field>
      </div>
      <div class="field-row">
        <Field name="people" label="People in photos" errors={errors} hint="Faces are detected on this device; a licence is not the consent of the people shown. Refuse keeps a recognisable face only with a model release (MR-UMR or MR-NAP) in the image; flag keeps and marks it.">
          <select {...described('people', errors, true)} value={form.people} data-testid="setting-people" onChange={(e) => set('people', e.currentTarget.value)}>
            <option value="">Default for the purpose (refuse for AI training, flag for research)</option>
            <option value="refuse">Refuse without a model release</option>
            <option value="flag">Keep and flag</option>
            <option value="off">Off (do not check)</option>
          </select>
        </Field>
        <Field name="minFacePx" label="Smallest recognisable face (px)" errors={errors} hint="The face box’s shorter side in the original image.">
          <input type="number" min={1} step={1} {...described('minFacePx', errors, true)} value={form.minFacePx} data-testid="setting-min-face" onInput={(e) => set('minFacePx', e.currentTarget.value)} />
        </Field>
      </div>
      <label class="check field">
        <input type="checkbox" checked={form.inPageNotice} data-testid="setting-notice" onChange={(e) => set('inPageNotice', e.currentTarget.checked)} /> Show a notice on pages whose rights signals restrict or block collection
      </label>
    </>
  );
}
