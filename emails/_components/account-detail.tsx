import { Text } from "@react-email/components";
import { paragraph } from "./styles";

/** "Login name: 201@acme". One address may serve several accounts (SPEC §4.6), so each email names its account. */
export function AccountDetail({ label, value }: { label: string; value: string }) {
  return (
    <Text style={{ ...paragraph, margin: "0 0 8px" }}>
      {`${label}: `}
      <strong>{value}</strong>
    </Text>
  );
}
