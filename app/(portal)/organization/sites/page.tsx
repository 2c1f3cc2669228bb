import type { Metadata } from "next";
import { PlacesPage } from "../_components/places-page";

export const metadata: Metadata = { title: "Sites" };

export default function SitesPage() {
  return <PlacesPage kind="site" />;
}
