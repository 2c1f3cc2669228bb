"use client";

import { useEffect, useSyncExternalStore } from "react";

/** Where this tab keeps the Users tab's last search ("?q=201&status=pending"), for the way back from a member. */
const KEY = "gatehouse:users-search";

/** Remembers the Users tab's search and filters in this browser tab. */
export function RememberUsersSearch({ search }: { search: string }) {
  useEffect(() => {
    try {
      sessionStorage.setItem(KEY, search);
    } catch {
      // Storage may be off (private mode): the way back is then the plain Users tab.
    }
  }, [search]);
  return null;
}

const remembered = () => {
  try {
    return sessionStorage.getItem(KEY) ?? "";
  } catch {
    return "";
  }
};
const noSubscription = () => () => {};

/** A hidden field with the remembered search, for an action that ends on the Users tab (the server checks it). */
export function UsersSearchField() {
  const search = useSyncExternalStore(noSubscription, remembered, () => "");
  return <input type="hidden" name="usersSearch" value={search} />;
}
