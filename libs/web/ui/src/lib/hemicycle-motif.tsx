const ROWS = 7;
const INNER_RADIUS = 70;
const ROW_GAP = 21;
const SEAT_SPACING = 17;
const CENTER_X = 220;
const CENTER_Y = 214;

interface Seat {
  x: number;
  y: number;
  row: number;
}

/** Seats of a plenary hall: concentric half rings, more seats on the outer rows. */
function layoutSeats(): Seat[] {
  const seats: Seat[] = [];
  for (let row = 0; row < ROWS; row += 1) {
    const radius = INNER_RADIUS + row * ROW_GAP;
    const count = Math.round((Math.PI * radius) / SEAT_SPACING);
    for (let index = 0; index <= count; index += 1) {
      const angle = Math.PI - (index / count) * Math.PI;
      seats.push({
        x: Math.round((CENTER_X + radius * Math.cos(angle)) * 10) / 10,
        y: Math.round((CENTER_Y - radius * Math.sin(angle)) * 10) / 10,
        row,
      });
    }
  }
  return seats;
}

const SEATS = layoutSeats();

/** The Plenary motif: a hemicycle of seats, drawn in the accent. Decorative only. */
export function HemicycleMotif({ className }: { className?: string }) {
  return (
    <svg
      className={className ? `pl-hemicycle ${className}` : 'pl-hemicycle'}
      viewBox="0 0 440 220"
      aria-hidden="true"
      focusable="false"
    >
      {SEATS.map((seat) => (
        <circle
          key={`${seat.x}-${seat.y}`}
          cx={seat.x}
          cy={seat.y}
          r={4.2}
          fill="var(--pl-color-accent)"
          opacity={0.16 + (seat.row / ROWS) * 0.4}
        />
      ))}
      <rect x={CENTER_X - 26} y={CENTER_Y - 16} width={52} height={10} rx={3} fill="var(--pl-color-accent)" />
    </svg>
  );
}
