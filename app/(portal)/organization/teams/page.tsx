import type { Metadata } from "next";
import { PlacesPage } from "../_components/places-page";

export const metadata: Metadata = { title: "Teams" };

export default function TeamsPage() {
  return <PlacesPage kind="team" />;
}
