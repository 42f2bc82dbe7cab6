import { useTranslation } from '../../i18n';
import { DaysSection } from './DaysSection';
import { DueDateCalculator } from './DueDateCalculator';
import { WorkingHoursEditor } from './WorkingHoursEditor';
import './calendar.css';

export default function CalendarPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('calendar.title')}</h1>
      <section aria-labelledby="hours-title" className="section">
        <h2 id="hours-title">{t('calendar.workingHours')}</h2>
        <WorkingHoursEditor />
      </section>
      <section aria-labelledby="days-title" className="section">
        <h2 id="days-title">{t('calendar.days')}</h2>
        <p className="muted">{t('calendar.daysHint')}</p>
        <DaysSection />
      </section>
      <section aria-labelledby="due-title" className="section">
        <h2 id="due-title">{t('calendar.calculator')}</h2>
        <DueDateCalculator />
      </section>
    </div>
  );
}
