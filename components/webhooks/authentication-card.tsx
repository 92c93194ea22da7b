"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { CertificateExpiryNote } from "@/components/webhooks/certificate-expiry-note";
import { authTypes, type AuthTypeKey, type WebhookFormValues } from "@/lib/webhooks/schemas";

const authLabels = {
  NONE: "None",
  BASIC: "Basic (user name and password)",
  BEARER: "Bearer token",
  API_KEY: "API key header",
  OAUTH2: "OAuth2 client credentials",
} as const;

/** The stored client certificate, as far as a browser may know it. */
export type StoredClientCert = { subject: string; expiresAt: string } | null;

const SAVED = "Saved — leave blank to keep it.";

/**
 * The form's Authentication card: one credential scheme (Basic, Bearer, API key, OAuth2 client
 * credentials) and, for https:// URLs, an mTLS client certificate and a custom CA. Stored
 * secrets are never shown: blank keeps them.
 */
export function AuthenticationCard({
  storedAuthType,
  storedClientCert,
}: {
  /** What is saved (edit), so blank secret fields can say they keep it. */
  storedAuthType: AuthTypeKey | null;
  storedClientCert: StoredClientCert;
}) {
  const { register, control, formState, setValue } = useFormContext<WebhookFormValues>();
  const { errors } = formState;
  const authType = useWatch({ control, name: "authType" });
  const removeCert = useWatch({ control, name: "tlsRemoveClientCert" });
  const keepHint = (type: AuthTypeKey) => (storedAuthType === type ? SAVED : undefined);
  const secretField = (
    type: AuthTypeKey,
    name: "authPassword" | "authToken" | "authApiKey" | "oauthClientSecret",
    label: string,
    className?: string,
  ) => (
    <FormField
      label={label}
      htmlFor={name}
      description={keepHint(type)}
      error={errors[name]?.message}
      required={!keepHint(type)}
      className={className}
    >
      <Input id={name} type="password" autoComplete="new-password" {...register(name)} />
    </FormField>
  );
  const pemField = (
    name: "tlsClientCert" | "tlsClientKey" | "tlsCaPem",
    label: string,
    description: string,
  ) => (
    <FormField label={label} htmlFor={name} description={description} error={errors[name]?.message}>
      <Textarea
        id={name}
        className="min-h-28 font-mono text-xs"
        spellCheck={false}
        autoComplete="off"
        {...register(name)}
      />
    </FormField>
  );

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Authentication</CardTitle>
        <CardDescription>
          How your endpoint knows the request is from us. Every delivery is also signed
          (webhook-signature).
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4 sm:grid-cols-2">
        <FormField label="Authentication" htmlFor="authType" className="sm:col-span-2 sm:max-w-sm">
          <NativeSelect id="authType" {...register("authType")}>
            {authTypes.map((t) => (
              <NativeSelectOption key={t} value={t}>
                {authLabels[t]}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </FormField>
        {authType === "BASIC" && (
          <>
            <FormField
              label="User name"
              htmlFor="authUsername"
              error={errors.authUsername?.message}
              required
            >
              <Input id="authUsername" autoComplete="off" {...register("authUsername")} />
            </FormField>
            {secretField("BASIC", "authPassword", "Password")}
          </>
        )}
        {authType === "BEARER" &&
          secretField("BEARER", "authToken", "Bearer token", "sm:col-span-2")}
        {authType === "API_KEY" && (
          <>
            <FormField
              label="Header name"
              htmlFor="authHeaderName"
              error={errors.authHeaderName?.message}
              required
            >
              <Input
                id="authHeaderName"
                placeholder="X-API-Key"
                spellCheck={false}
                {...register("authHeaderName")}
              />
            </FormField>
            {secretField("API_KEY", "authApiKey", "API key")}
          </>
        )}
        {authType === "OAUTH2" && (
          <>
            <FormField
              label="Token URL"
              htmlFor="oauthTokenUrl"
              description="We request a token with the client credentials grant, reuse it until shortly before it expires, and send it as a Bearer token."
              error={errors.oauthTokenUrl?.message}
              required
              className="sm:col-span-2"
            >
              <Input
                id="oauthTokenUrl"
                type="url"
                placeholder="https://auth.example.com/oauth/token"
                spellCheck={false}
                {...register("oauthTokenUrl")}
              />
            </FormField>
            <FormField
              label="Client id"
              htmlFor="oauthClientId"
              error={errors.oauthClientId?.message}
              required
            >
              <Input id="oauthClientId" autoComplete="off" {...register("oauthClientId")} />
            </FormField>
            {secretField("OAUTH2", "oauthClientSecret", "Client secret")}
            <FormField
              label="Scope"
              htmlFor="oauthScope"
              description="Optional, space-separated."
              error={errors.oauthScope?.message}
              className="sm:col-span-2"
            >
              <Input id="oauthScope" spellCheck={false} {...register("oauthScope")} />
            </FormField>
          </>
        )}

        <fieldset className="space-y-4 border-t pt-4 sm:col-span-2">
          <legend className="sr-only">Mutual TLS</legend>
          <div>
            <h3 className="text-sm font-medium">Client certificate (mTLS)</h3>
            <p className="text-muted-foreground text-sm">
              Optional. Presented on https:// deliveries to receivers that require one. PEM; the
              private key is encrypted at rest and never shown again.
            </p>
          </div>
          {storedClientCert && (
            <div className="bg-muted/50 flex flex-col gap-2 rounded-md border p-3 text-sm sm:flex-row sm:items-center">
              <div className="min-w-0 flex-1">
                <p className="font-medium break-words" data-testid="client-cert-subject">
                  {storedClientCert.subject}
                </p>
                <CertificateExpiryNote expiresAt={storedClientCert.expiresAt} />
              </div>
              <div className="flex items-center gap-2">
                <Checkbox
                  id="tlsRemoveClientCert"
                  checked={removeCert}
                  onCheckedChange={(checked) =>
                    setValue("tlsRemoveClientCert", checked === true, { shouldDirty: true })
                  }
                />
                <Label htmlFor="tlsRemoveClientCert">Remove on save</Label>
              </div>
            </div>
          )}
          {!removeCert && (
            <div className="grid gap-4 sm:grid-cols-2">
              {pemField(
                "tlsClientCert",
                "Certificate",
                storedClientCert ? SAVED : "-----BEGIN CERTIFICATE----- …",
              )}
              {pemField(
                "tlsClientKey",
                "Private key",
                storedClientCert ? SAVED : "-----BEGIN PRIVATE KEY----- …",
              )}
            </div>
          )}
          {pemField(
            "tlsCaPem",
            "Custom CA",
            "Optional. For receivers with a self-signed or private certificate: only these CA certificates (PEM) are trusted for this URL, instead of the public ones.",
          )}
        </fieldset>
      </CardContent>
    </Card>
  );
}
