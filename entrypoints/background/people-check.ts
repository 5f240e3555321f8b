import { peopleSettingFor } from '@/utils/model/people';
import type { Settings } from '@/utils/model/settings';
import { judgePeople, whyReleaseMayNotCover, type PeopleJudgement } from '@/utils/policy/people';
import { uncheckedScan } from '@/utils/people/detector-name';
import { openPeopleWorkers, peopleScanner } from './people-workers';

/** The people workers, started on the first image a collect checks for people (people-workers.ts). */
const peopleScans = peopleScanner(() => openPeopleWorkers());

/** Rule 6 for one fetched image under the job's settings; `off` decodes nothing. */
export async function checkPeople(bytes: Uint8Array, mime: string, modelRelease: string | null, settings: Settings): Promise<PeopleJudgement> {
  const people = peopleSettingFor(settings);
  const policy = { people, minFacePx: settings.minFacePx };
  if (people === 'off') return judgePeople(uncheckedScan('off'), modelRelease, policy, null);
  return judgePeople(await peopleScans.scan(bytes, mime, settings.minFacePx), modelRelease, policy, whyReleaseMayNotCover(bytes, mime));
}
