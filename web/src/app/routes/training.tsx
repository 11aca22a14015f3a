import { PageHeader } from '@/components/layouts/page-header';
import { QueryView } from '@/components/ui/query-view';
import { Section } from '@/components/ui/section';
import { useSession } from '@/features/auth/api/get-session';
import { peopleToTrainCsvUrl, useTraining } from '@/features/training/api/get-training';
import { PeopleHiddenForRole, PeopleToTrain, TrainerScope } from '@/features/training/components/people-to-train';
import { TeamGaps } from '@/features/training/components/team-gaps';
import { TrainingLift } from '@/features/training/components/training-lift';
import { useAsOf } from '@/hooks/use-as-of';
import { formatDay } from '@/utils/date';

export default function TrainingRoute() {
  const { asOf } = useAsOf();
  const query = useTraining({ asOf });
  // The CSV is people-level data: admins and trainers (of their departments) only.
  const session = useSession().data;
  const peopleAccess = session?.peopleAccess ?? 'none';
  const canExport = peopleAccess !== 'none';
  return (
    <>
      <PageHeader
        title="Training"
        subtitle="Which teams and people to train next, and did training move adoption?"
        busy={query.isPlaceholderData}
      />
      <QueryView query={query} loadingLabel="Loading the training view…" errorTitle="Could not load the training view">
        {(data) => (
          <div className="stack" data-as-of={data.asOf}>
            <Section title="Teams by gap to plan" description={data.how.teams}>
              <TeamGaps teams={data.teams} how={data.how.teams} />
            </Section>
            <Section
              title={peopleAccess === 'none' ? 'People to train' : `People to train (${data.peopleToTrain.length})`}
              description={`As of ${formatDay(data.asOf)}: no counted login in 14 days, or a required course not completed.`}
              actions={
                canExport ? (
                  <a
                    className="button button-secondary"
                    href={peopleToTrainCsvUrl({ asOf: data.asOf })}
                    download={`people-to-train-${data.asOf}.csv`}
                    data-testid="csv-export"
                  >
                    Export CSV
                  </a>
                ) : null
              }
            >
              {peopleAccess === 'none' ? (
                <PeopleHiddenForRole role={session?.account.role ?? 'viewer'} />
              ) : (
                <>
                  {peopleAccess === 'departments' ? (
                    <TrainerScope departments={session?.account.departments ?? []} known={data.teams.map((team) => team.department)} />
                  ) : null}
                  <PeopleToTrain
                    people={data.peopleToTrain}
                    how={data.how.peopleToTrain}
                    departments={peopleAccess === 'departments' ? session?.account.departments : undefined}
                  />
                </>
              )}
            </Section>
            <Section
              title="Training lift"
              description="Active rate (7 days) of seat holders who completed the required training against those who did not, and logins before and after."
            >
              <TrainingLift lift={data.lift} requiredCourses={data.requiredCourses} how={data.how.lift} />
            </Section>
          </div>
        )}
      </QueryView>
    </>
  );
}
