import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "db/migrations/**"] },
  {
    // lib/, db/ and emails/ are plain Node: a seed script, a bench, the dispatcher and vitest load them (STYLE.md).
    files: ["lib/**", "db/**", "emails/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["next", "next/*", "next-auth", "next-auth/*", "@/app/*"], message: "lib/, db/ and emails/ must not depend on Next.js or Auth.js." }] },
      ],
    },
  },
];
export default config;
