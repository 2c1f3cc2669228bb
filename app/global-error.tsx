"use client";

/** Last resort when the root layout itself failed: plain HTML, no stack. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", maxWidth: 560, margin: "10vh auto", padding: 16 }}>
        <h1>Something went wrong</h1>
        <p>We couldn&apos;t show this page. Please try again.</p>
        <button type="button" onClick={reset}>
          Try again
        </button>
        {error.digest && <p style={{ color: "#555", fontSize: 12 }}>Reference: {error.digest}</p>}
      </body>
    </html>
  );
}
