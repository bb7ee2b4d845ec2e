/** The Plenary mark and word mark. */
export function Brand({ name }: { name: string }) {
  return (
    <span className="pl-brand">
      <svg
        className="pl-brand__mark"
        viewBox="0 0 32 32"
        width="32"
        height="32"
        aria-hidden="true"
        focusable="false"
      >
        <rect width="32" height="32" rx="6" fill="var(--pl-color-navy-900)" />
        <path
          d="M10 24V8h7.5a5.5 5.5 0 0 1 0 11H14v5z"
          fill="none"
          stroke="var(--pl-color-accent)"
          strokeWidth="3"
          strokeLinejoin="round"
        />
      </svg>
      <span className="pl-brand__name">{name}</span>
    </span>
  );
}
