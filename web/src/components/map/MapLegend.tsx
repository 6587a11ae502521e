/** The key to the map's markers: each 受入状況 by shape and colour, the search origin and the radius. */
import type { MapMarkerStatus } from './ResourceMap';

type Props = {
  title: string;
  statuses: { status: MapMarkerStatus; label: string }[];
  originLabel: string;
  radiusLabel: string | null;
};

export function MapLegend({ title, statuses, originLabel, radiusLabel }: Props) {
  return (
    <div className="map-legend">
      <h3 className="map-legend-title">{title}</h3>
      <ul>
        {statuses.map(({ status, label }) => (
          <li key={status}>
            <span className={`resource-marker-shape resource-marker-${status} legend-shape`} aria-hidden="true">
              <span className="resource-marker-number">1</span>
            </span>
            {label}
          </li>
        ))}
        <li>
          <span className="origin-marker-shape legend-shape" aria-hidden="true" />
          {originLabel}
        </li>
        {radiusLabel ? (
          <li>
            <span className="legend-radius" aria-hidden="true" />
            {radiusLabel}
          </li>
        ) : null}
      </ul>
    </div>
  );
}
