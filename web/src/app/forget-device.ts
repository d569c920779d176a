// Loaded only when someone signs out (session.tsx), so no page carries push code before then.
/**
 * Signing out on this device stops its reminder notifications (the subscription is removed from the account and from
 * the browser), so whoever uses the device next sees nothing of this person. Called before the sign-out request,
 * while the session still holds. (The worker's queue of offline writes is emptied by session.tsx itself, which needs
 * no network.)
 */
export async function forgetThisDevice(removeOnServer: (endpoint: string) => Promise<unknown>): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration();
  const subscription = await registration?.pushManager?.getSubscription();
  if (!subscription) return;
  await removeOnServer(subscription.endpoint).catch(() => undefined);
  await subscription.unsubscribe().catch(() => undefined);
}
