import { Button, TextField } from '@plenary/web-ui';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { formatTime, useCheckinTranslation, useFormatLocale } from './checkin-i18n';
import type { Candidate, CheckinStation } from './checkin-station';

export interface SearchPanelProps {
  station: CheckinStation;
  offline: boolean;
  onAdmit: (candidate: Candidate) => void;
  busy: boolean;
}

/** Find a person by name, organisation or e-mail prefix (online) or name/organisation (offline) and admit them. */
export function SearchPanel({ station, offline, onAdmit, busy }: SearchPanelProps) {
  const { t } = useCheckinTranslation();
  const locale = useFormatLocale();
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<{ query: string; candidates: Candidate[] } | null>(null);
  const [searching, setSearching] = useState(false);

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const q = query.trim();
    if (q.length < 3) {
      setError(t('search.tooShort'));
      return;
    }
    setError(null);
    setSearching(true);
    try {
      const found = await station.search(q);
      setResults({ query: q, candidates: found.candidates });
    } catch (failure) {
      setResults(null);
      setError(t('search.failed', { message: failure instanceof Error ? failure.message : String(failure) }));
    } finally {
      setSearching(false);
    }
  };

  return (
    <div className="ck-search">
      <form className="ck-search__form" role="search" onSubmit={(event) => void handleSubmit(event)}>
        <TextField
          id="ck-search-query"
          type="search"
          label={offline ? t('search.labelOffline') : t('search.label')}
          hint={offline ? t('search.hintOffline') : t('search.hint')}
          error={error}
          autoComplete="off"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <Button type="submit" size="lg" disabled={searching}>
          {t('search.submit')}
        </Button>
      </form>
      {results && (
        <div className="ck-search__results" aria-live="polite">
          <p className="ck-search__count">
            {results.candidates.length === 0
              ? t('search.noResults', { query: results.query })
              : t('search.results', { count: results.candidates.length })}
          </p>
          <ul className="ck-search__list">
            {results.candidates.map((candidate) => (
              <li key={candidate.registrationId} className="ck-candidate">
                <div className="ck-candidate__text">
                  <p className="ck-candidate__name">{candidate.name}</p>
                  <p className="ck-candidate__meta">
                    {[
                      candidate.organisation,
                      candidate.emailHint,
                      candidate.status === 'approved' ? null : t(`registrationStatus.${candidate.status}`),
                      candidate.hasTicket ? null : t('search.noTicket'),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </p>
                  {candidate.checkedIn && (
                    <p className="ck-candidate__checked">
                      {t('search.checkedIn', {
                        time: formatTime(candidate.checkedIn.at, locale),
                        gate: candidate.checkedIn.gate,
                      })}
                    </p>
                  )}
                </div>
                <Button
                  variant={candidate.checkedIn || candidate.status !== 'approved' ? 'secondary' : 'primary'}
                  disabled={busy}
                  aria-label={t('search.admit', { name: candidate.name })}
                  onClick={() => onAdmit(candidate)}
                >
                  {t('search.admitShort')}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
