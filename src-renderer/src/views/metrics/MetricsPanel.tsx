import { datesInWords, formatDollars, sessionCost } from '../../../../src-shared/cost';
import { medianAndP95, stagesOf, type TurnLatency } from '../../../../src-shared/latency';
import { lazyPart } from '../common/lazyPart';
import { useShownStream } from '../../state/shownSessionStore';
import { usePricing } from '../../state/pricingStore';
import { stageKinds } from './stageColours';
import { tokenColumn } from './tokenColumn';
import { useIsDark } from '../common/useResolvedTheme';
import './metrics.css';

const milestones: { name: string; pick: (turn: TurnLatency) => number | undefined }[] = [
  { name: 'First audio', pick: (turn) => turn.firstAudioMs },
  { name: 'First text', pick: (turn) => turn.firstTextMs },
  { name: 'Response created', pick: (turn) => turn.responseCreatedMs },
  { name: 'Input committed', pick: (turn) => turn.committedMs },
  { name: 'Response done', pick: (turn) => turn.doneMs },
];

const LatencyWaterfall = lazyPart(() => import('./LatencyWaterfall').then((module) => module.LatencyWaterfall), 'Loading the latency chart…');

const ms = (value: number) => (value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`);

/** Per-turn latency as a waterfall with the session's medians, and tokens and cost by model, live or in a replay. */
export function MetricsPanel() {
  const turns = useShownStream((state) => state.latency.turns);
  const rttMs = useShownStream((state) => state.latency.rttMs);
  const cost = useShownStream((state) => state.cost);
  const dark = useIsDark();
  const pricing = usePricing();
  const list = turns.toArray();
  const last = list.at(-1);
  const priced = pricing.table ? sessionCost(cost, pricing.table) : undefined;
  const firstAudio = medianAndP95(list.map((turn) => turn.firstAudioMs).filter((value): value is number => value !== undefined));
  const description =
    list.length === 0
      ? 'No turns yet'
      : `Latency of ${list.length} turns; time to first audio median ${firstAudio ? ms(firstAudio.median) : 'unknown'}`;
  return (
    <div className="metrics">
      <section className="metrics-section" aria-labelledby="metrics-latency">
        <h2 id="metrics-latency" className="metrics-heading">
          Latency per turn
        </h2>
        {list.length === 0 ? (
          <p className="empty-state">No turns yet. Each turn appears here when the user finishes speaking or sends a message.</p>
        ) : (
          <>
            <dl className="metrics-figures" data-testid="latency-summary">
              {milestones.map(({ name, pick }) => {
                const values = list.map(pick).filter((value): value is number => value !== undefined);
                const stats = medianAndP95(values);
                return (
                  <div key={name} className="metrics-figure">
                    <dt>{name}</dt>
                    <dd>{stats ? `median ${ms(stats.median)} · p95 ${ms(stats.p95)}` : '—'}</dd>
                  </div>
                );
              })}
              <div className="metrics-figure">
                <dt>Round trip (WebRTC)</dt>
                <dd>{rttMs === undefined ? '—' : ms(rttMs)}</dd>
              </div>
            </dl>
            <ul className="metrics-legend" aria-label="Stage colours">
              {stageKinds.map((kind) => (
                <li key={kind.kind}>
                  <span className="metrics-swatch" style={{ background: dark ? kind.dark : kind.light }} aria-hidden="true" />
                  {kind.name}
                </li>
              ))}
            </ul>
            <LatencyWaterfall turns={list} description={description} />
            {last && (
              <div className="metrics-turn" data-testid="latest-turn-stages">
                <div className="metrics-turn-title">
                  Turn {last.index} ({last.trigger})
                  {last.missing.length > 0 && <span className="badge badge-warn">partial: the log has no {last.missing.join(', ')}</span>}
                </div>
                <ol className="metrics-stages">
                  {stagesOf(last).map((stage, index) => (
                    <li key={index}>
                      <span className="metrics-stage-label">{stage.label}</span>{' '}
                      <span className="metrics-stage-ms">{ms(stage.endMs - stage.startMs)}</span>
                      {stage.governedBy && <span className="muted"> · {stage.governedBy}</span>}
                    </li>
                  ))}
                </ol>
              </div>
            )}
          </>
        )}
      </section>
      <section className="metrics-section" aria-labelledby="metrics-cost">
        <h2 id="metrics-cost" className="metrics-heading">
          Tokens and cost
        </h2>
        {pricing.problem && (
          <p className="state-line state-error" role="alert">
            {pricing.problem}
          </p>
        )}
        {!priced ? (
          <p className="empty-state">Reading the pricing table…</p>
        ) : priced.byModel.length === 0 ? (
          <p className="empty-state">No tokens used yet.</p>
        ) : (
          <table className="metrics-table">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Tokens</th>
                <th scope="col">Cost</th>
              </tr>
            </thead>
            <tbody>
              {priced.byModel.map((model) => (
                <tr key={model.model}>
                  <td>{model.model}</td>
                  <td>{tokenColumn(model.tokens)}</td>
                  <td>
                    {model.dollars === undefined ? (
                      'no price'
                    ) : (
                      <>
                        {formatDollars(model.dollars)}
                        {model.unpriced.length > 0 && ', part not priced'} <span className="muted">(prices of {model.takenOn})</span>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Session</th>
                <td>{cost.responses.length} billed responses</td>
                <td data-testid="session-cost">
                  {formatDollars(priced.total)} <span className="muted">(prices of {datesInWords(priced.takenOn)})</span>
                </td>
              </tr>
            </tfoot>
          </table>
        )}
        {priced && priced.unpriced.length > 0 && <p className="muted">Not counted: {priced.unpriced.join('; ')}</p>}
      </section>
    </div>
  );
}
