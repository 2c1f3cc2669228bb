import type { Metadata } from "next";
import { Suspense } from "react";
import { Toaster } from "sonner";
import { FlashToast } from "@/components/flash-toast";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Gatehouse", template: "%s · Gatehouse" },
  description: "Create your organization's people, send welcome emails and see what happened to each.",
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        {children}
        <Toaster position="top-center" closeButton />
        <Suspense>
          <FlashToast />
        </Suspense>
      </body>
    </html>
  );
}
