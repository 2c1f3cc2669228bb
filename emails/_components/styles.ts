import type { CSSProperties } from "react";

// Plain inline styles: every mail client keeps them. Text, links and the button all reach 7:1 contrast (WCAG AAA).
export const colors = { text: "#111827", muted: "#374151", accent: "#1e40af", border: "#d1d5db", panel: "#f3f4f6" };

export const paragraph: CSSProperties = { fontSize: "16px", lineHeight: "24px", color: colors.text, margin: "0 0 16px" };
export const smallPrint: CSSProperties = { fontSize: "14px", lineHeight: "20px", color: colors.muted, margin: "0 0 12px" };
export const heading: CSSProperties = { fontSize: "22px", lineHeight: "30px", fontWeight: 600, color: colors.text, margin: "0 0 20px" };
export const link: CSSProperties = { color: colors.accent, textDecoration: "underline" };
