import Link from "next/link";
import { CardPage } from "@/components/ui/card-page";

export default function NotFound() {
  return (
    <CardPage title="Page not found" intro="There is no page at this address. It may have moved, or the link may be incomplete.">
      <Link href="/" className="font-medium text-blue-800 underline">
        Go to the home page
      </Link>
    </CardPage>
  );
}
