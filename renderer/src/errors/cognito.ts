import type { CognitoErrorKey } from '../../../preload/error-keys/cognito';
import type { ErrorCatalog, ErrorEntry, ErrorParams } from './types';

const DE_CLOCK =
  'Prüfe, ob dieser Computer seine Uhr automatisch stellt (die Codes hängen von der Uhrzeit ab), und versuche es dann mit dem nächsten Code erneut.';
const ZH_CLOCK = '请检查这台电脑是否自动设置时间（验证码取决于时间），然后用下一个验证码重试。';

/**
 * An enrollment that failed after its key was stored (cognitoPendingKept): the cause's own text, translated
 * through its key (`causeKey`, its parameters alongside), and what became of the key.
 */
function pendingKept(lang: 'de' | 'zh', kept: string): ErrorEntry {
  const cause = (p: ErrorParams): ErrorEntry | undefined =>
    (cognitoErrors[lang] as Partial<Record<string, ErrorEntry>>)[String(p.causeKey)];
  return {
    message: (p) => cause(p)?.message(p) ?? '',
    hint: (p) => [cause(p)?.hint?.(p), kept].filter(Boolean).join(' '),
  };
}

/** German and Chinese for the cognito errors main marks with a key. */
export const cognitoErrors: ErrorCatalog<CognitoErrorKey> = {
  de: {
    // what Cognito answered (main/cognito/errors.ts)
    cognitoSessionExpired: {
      message: () =>
        'Die Anmeldesitzung ist abgelaufen: Cognito gibt jedem Schritt nur wenige Minuten (standardmäßig 3).',
      hint: () =>
        'Beginne erneut mit der Anmeldung; ein Schlüssel, den Keyfob schon gespeichert hat, bleibt erhalten, bis ein neuer bestätigt ist.',
    },
    cognitoSessionUsed: {
      message: () =>
        'Die Anmeldesitzung ist nicht mehr gültig (jeder Schritt einer Cognito-Anmeldung kann nur einmal beantwortet werden).',
      hint: () => 'Beginne erneut mit der Anmeldung.',
    },
    cognitoPasswordAttempts: {
      message: () => 'Zu viele falsche Passwörter: Cognito hat diesen Benutzer vorübergehend gesperrt.',
      hint: () =>
        'Warte (die Sperre wächst von Sekunden auf etwa 15 Minuten) und versuche es dann einmal mit dem richtigen Passwort.',
    },
    cognitoClientSecretNeeded: {
      message: (p) =>
        `Der App-Client${p.clientId ? ` ${p.clientId}` : ''} hat ein Client-Secret, dieses Pool-Profil aber keines.`,
      hint: () => 'Bearbeite das Pool-Profil und gib das Secret des App-Clients ein.',
    },
    cognitoSecretHashMfaSetup: {
      message: () =>
        'Cognito hat den Hash des Client-Secrets beim Abschluss der Authenticator-Einrichtung nicht akzeptiert: Im Passwort-Verfahren sagt es nicht, welcher Benutzername gehasht werden soll, wenn man sich per E-Mail-Adresse oder Telefonnummer anmeldet.',
      hint: () =>
        'Bearbeite das Pool-Profil und wähle das Anmeldeverfahren SRP; der Authenticator ist bereits eingerichtet, danach klappt die Anmeldung.',
    },
    cognitoClientSecretRejected: {
      message: () => 'Cognito hat das in diesem Pool-Profil gespeicherte Client-Secret nicht akzeptiert.',
      hint: () =>
        'Kopiere das Client-Secret des App-Clients erneut (Cognito-Konsole: App clients → Show client secret) und speichere es im Profil.',
    },
    cognitoAccessTokenExpired: {
      message: () => 'Die Anmeldung ist abgelaufen (ihr Zugriffstoken ist älter als seine Gültigkeitsdauer).',
      hint: () => 'Melde dich erneut an.',
    },
    cognitoTokenRejected: {
      message: () => 'Cognito hat das Anmeldetoken nicht akzeptiert.',
      hint: () => 'Melde dich erneut an.',
    },
    cognitoAwsNotPermitted: {
      message: () => 'Die AWS-Zugangsdaten dürfen das für diesen Pool nicht.',
      hint: () =>
        'Verwende Zugangsdaten (oder --aws-profile) mit cognito-idp-Berechtigungen für diesen Benutzerpool.',
    },
    cognitoMfaCodeRejected: {
      message: () => 'Cognito hat den Code für diese Anmeldung nicht akzeptiert.',
      hint: () => DE_CLOCK,
    },
    cognitoWrongPassword: {
      message: () => 'Cognito hat Benutzername und Passwort nicht akzeptiert.',
      hint: () =>
        'Prüfe beides (bei Benutzernamen kann die Groß- und Kleinschreibung zählen) und versuche es erneut.',
    },
    cognitoUserDisabled: {
      message: () => 'Dieser Benutzer ist im Pool deaktiviert.',
      hint: () => 'Bitte den Administrator des Pools, den Benutzer wieder zu aktivieren.',
    },
    cognitoTemporaryPasswordExpired: {
      message: () => 'Das vorläufige Passwort ist abgelaufen, bevor es geändert wurde.',
      hint: () =>
        'Bitte den Administrator des Pools, ein neues zu senden (AdminCreateUser mit MessageAction RESEND).',
    },
    cognitoStepRefused: {
      message: () => 'Cognito hat diesen Schritt der Anmeldung abgelehnt.',
      hint: () =>
        'Was der Dienst gemeldet hat, steht unten; beginne die Anmeldung erneut und frag den Administrator des Pools, wenn es so bleibt.',
    },
    cognitoLambda: {
      message: () =>
        'Eine eigene Prüfung des Pools (einer seiner Lambda-Trigger) hat die Anmeldung abgelehnt oder ist fehlgeschlagen.',
      hint: () =>
        'Die Meldung unten stammt aus dem eigenen Code des Pools; frag den Administrator des Pools danach.',
    },
    cognitoTotpNotSetUp: {
      message: () => 'Für diesen Benutzer ist im Pool keine Authenticator-App (TOTP) eingerichtet.',
      hint: () => 'Richte zuerst Keyfob als Authenticator für diesen Benutzer ein.',
    },
    cognitoTotpNotEnabled: {
      message: () => 'MFA per Authenticator-App (TOTP) ist für diesen Benutzerpool nicht aktiviert.',
      hint: () =>
        'Bitte den Administrator des Pools, Authenticator-Apps für den Pool zu aktivieren; bei deinem eigenen Testpool erledigt das `keyfob pool mfa-config <profile> --totp on` in einem Terminal.',
    },
    cognitoCodeRejectedNotSetUp: {
      message: () =>
        'Cognito hat den Code nicht akzeptiert, daher wurde der Authenticator nicht eingerichtet.',
      hint: () => DE_CLOCK,
    },
    cognitoCodeRejected: {
      message: () => 'Cognito hat den Code nicht akzeptiert.',
      hint: () => DE_CLOCK,
    },
    cognitoCodeUsed: {
      message: () => 'Dieser Code wurde schon einmal verwendet; Cognito akzeptiert jeden Code nur einmal.',
      hint: () => 'Warte auf den nächsten Code (höchstens 30 Sekunden) und versuche es erneut.',
    },
    cognitoCodeExpired: {
      message: () => 'Der Code ist abgelaufen.',
      hint: () => 'Verwende einen neuen Code.',
    },
    cognitoUserNotFound: {
      message: () => 'Im Pool gibt es keinen Benutzer mit diesem Namen.',
      hint: () => 'Prüfe den Benutzernamen (oder die E-Mail-Adresse) und das Pool-Profil.',
    },
    cognitoUserNotConfirmed: {
      message: () => 'Der Benutzer hat sein Konto noch nicht bestätigt.',
      hint: () =>
        'Bestätige es mit dem Code, den Cognito gesendet hat, oder bitte den Administrator, den Benutzer zu bestätigen.',
    },
    cognitoPasswordResetRequired: {
      message: () => 'Der Pool verlangt, dass dieser Benutzer sein Passwort zurücksetzt.',
      hint: () =>
        'Setze es über die Seite „Passwort vergessen“ der Anwendung zurück oder frag den Administrator.',
    },
    cognitoPasswordPolicy: {
      message: () => 'Das neue Passwort erfüllt die Passwortrichtlinie des Pools nicht.',
      hint: () =>
        'Wähle ein längeres Passwort mit der geforderten Mischung aus Groß- und Kleinbuchstaben, Ziffern und Sonderzeichen.',
    },
    cognitoPasswordRejected: {
      message: () => 'Cognito hat das Passwort nicht akzeptiert.',
      hint: () => 'Prüfe es (bei Passwörtern zählt die Groß- und Kleinschreibung) und versuche es erneut.',
    },
    cognitoPasswordReused: {
      message: () => 'Der Pool erlaubt nicht, ein kürzlich verwendetes Passwort erneut zu nutzen.',
      hint: () => 'Wähle ein Passwort, das du noch nicht verwendet hast.',
    },
    cognitoMfaMethodMissing: {
      message: () => 'Der Pool hat eine MFA-Methode verlangt, die dieser Benutzer nicht eingerichtet hat.',
      hint: () => 'Richte zuerst Keyfob als Authenticator ein.',
    },
    cognitoPoolMfaConfig: {
      message: () =>
        'Der Benutzerpool ist dafür nicht eingerichtet (zum Beispiel fehlt eine MFA-Methode, die er verwenden kann).',
      hint: () => 'Bitte den Administrator des Pools, dessen MFA-Einstellungen zu prüfen.',
    },
    cognitoDeviceForgotten: {
      message: () => 'Cognito kennt das Gerät nicht mehr, auf dem diese Anmeldung gespeichert war.',
      hint: () => 'Melde dich erneut an.',
    },
    cognitoPoolUnknown: {
      message: () => 'Cognito kennt diesen Benutzerpool oder App-Client nicht.',
      hint: () => 'Prüfe Benutzerpool-ID, App-Client-ID und Region: Bearbeite das Pool-Profil.',
    },
    cognitoRateLimited: {
      message: () => 'Cognito begrenzt gerade die Anfragen an diesen Pool.',
      hint: () => 'Warte ein paar Sekunden und versuche es erneut.',
    },
    cognitoTooManyAttempts: {
      message: () => 'Cognito hat abgelehnt: zu viele Versuche in kurzer Zeit.',
      hint: () => 'Warte ein paar Minuten und versuche es erneut.',
    },
    cognitoWafBlocked: {
      message: () => 'Die Web Application Firewall des Pools (AWS WAF) hat die Anfrage blockiert.',
      hint: () =>
        'Versuche es aus einem anderen Netzwerk oder bitte den Administrator des Pools, diese Adresse zuzulassen oder die WAF-Regel zu lockern.',
    },
    cognitoInternalError: {
      message: () => 'Bei Cognito ist ein interner Fehler aufgetreten.',
      hint: () => 'Versuche es gleich noch einmal.',
    },
    cognitoFlowNotEnabled: {
      message: () => 'Der App-Client erlaubt dieses Anmeldeverfahren nicht.',
      hint: (p) =>
        p.flow === 'USER_PASSWORD_AUTH'
          ? 'Aktiviere ALLOW_USER_PASSWORD_AUTH am App-Client oder verwende --auth-flow srp für dieses Pool-Profil.'
          : p.flow === 'USER_SRP_AUTH'
            ? 'Aktiviere ALLOW_USER_SRP_AUTH am App-Client oder verwende --auth-flow password für dieses Pool-Profil.'
            : 'Aktiviere das Verfahren am App-Client (z. B. ALLOW_ADMIN_USER_PASSWORD_AUTH) oder wähle ein anderes --auth-flow.',
    },
    cognitoTotpNotVerified: {
      message: () => 'Cognito kann den Authenticator erst als MFA-Methode festlegen, wenn er bestätigt ist.',
      hint: () => 'Schließe zuerst die Einrichtung ab (bestätige einen Code).',
    },
    cognitoSessionLost: {
      message: () => 'Die Anmeldesitzung ist verloren gegangen.',
      hint: () => 'Beginne erneut mit der Anmeldung.',
    },
    cognitoNewPasswordRefused: {
      message: () => 'Cognito hat das neue Passwort oder ein erforderliches Attribut abgelehnt.',
      hint: () =>
        'Prüfe die Angaben unten; sehen sie richtig aus, ist das vielleicht ein Fehler in Keyfob: Bitte melde ihn.',
    },
    cognitoValueRefused: {
      message: () => 'Cognito hat einen Wert abgelehnt, den Keyfob gesendet hat.',
      hint: () =>
        'Prüfe die Angaben unten; sehen sie richtig aus, ist das vielleicht ein Fehler in Keyfob: Bitte melde ihn.',
    },
    cognitoAliasExists: {
      message: () => 'Ein anderer Benutzer hat diese E-Mail-Adresse oder Telefonnummer bereits.',
      hint: () => 'Verwende eine andere.',
    },
    cognitoAwsCredentialsUnknown: {
      message: () => 'AWS hat die Zugangsdaten nicht erkannt.',
      hint: () => 'Prüfe AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY oder das gewählte --aws-profile.',
    },
    cognitoAwsCredentialsMissing: {
      message: () => 'Für den Admin-Ablauf wurden keine AWS-Zugangsdaten gefunden.',
      hint: () =>
        'Setze AWS_ACCESS_KEY_ID und AWS_SECRET_ACCESS_KEY, führe `aws configure` aus oder gib dem Pool-Profil ein --aws-profile.',
    },
    cognitoNetwork: {
      message: (p) =>
        `Keyfob konnte Cognito${p.endpoint ? ` unter ${p.endpoint}` : ''} nicht erreichen (${p.network}).`,
      hint: () =>
        'Prüfe die Netzwerkverbindung (und einen Proxy oder ein VPN) sowie die Region oder den Endpunkt im Pool-Profil.',
    },
    cognitoUnknownError: {
      message: (p) =>
        `Cognito hat mit einem Fehler geantwortet, den Keyfob nicht kennt${p.status ? ` (HTTP ${p.status})` : ''}.`,
      hint: () => 'Versuche es erneut; bleibt es dabei, prüfe das Pool-Profil und die Details unten.',
    },
    // the engine (main/cognito/engine.ts, signin.ts, flows.ts)
    cognitoCodeShape: {
      message: (p) =>
        `Cognito akzeptiert nur SHA-1-Codes mit 6 Ziffern und 30 Sekunden, und ${p.issuer} (${p.label}) verwendet ${p.algorithm}, ${p.digits} Ziffern, ${p.period} s.`,
      hint: () =>
        'Richte Keyfob erneut als Authenticator ein; dabei speichert es den Schlüssel, den Cognito ausgibt.',
    },
    cognitoNewPasswordNeeded: {
      message: (p) =>
        `Der Pool verlangt, dass ${p.username} vor der Anmeldung ein neues Passwort wählt${p.attributes ? ` (und angibt: ${p.attributes})` : ''}.`,
      hint: () =>
        'Gib das neue Passwort an (keyfob: --new-password-stdin, in der zweiten Zeile der Standardeingabe).',
    },
    cognitoAttributesNeeded: {
      message: (p) => `Der Pool braucht außerdem diese Attribute: ${p.attributes}.`,
      hint: () => 'Gib für jedes einen Wert an und versuche es erneut.',
    },
    cognitoNoUsableMfa: {
      message: (p) => `Der Pool bietet nur MFA-Methoden an, die Keyfob nicht nutzen kann (${p.options}).`,
      hint: () => 'Aktiviere MFA per Authenticator-App (TOTP) für den Pool.',
    },
    cognitoNoLinkedKey: {
      message: (p) =>
        `${p.username} hat im Pool ${p.pool} einen Authenticator eingerichtet, aber Keyfob hat keinen damit verknüpften Schlüssel.`,
      hint: () =>
        'Richte Keyfob als Authenticator für diesen Benutzer ein (es ersetzt die andere App) oder melde dich mit der App an, die den Schlüssel hat.',
    },
    cognitoCodeNeeded: {
      message: (p) =>
        `Der Pool hat einen Code per ${p.via === 'sms' ? 'SMS' : 'E-Mail'}${p.destination ? ` an ${p.destination}` : ''} gesendet, und er muss eingetippt werden.`,
      hint: () =>
        'Führe den Befehl in einem Terminal aus, wo Keyfob danach fragt, oder melde dich in der Keyfob-App an.',
    },
    cognitoSetupRequired: {
      message: (p) =>
        `Der Pool verlangt, dass ${p.username} vor der Anmeldung einen Authenticator einrichtet.`,
      hint: () => 'Richte zuerst Keyfob als Authenticator für diesen Benutzer ein.',
    },
    cognitoSetupWithoutTotp: {
      message: (p) =>
        `Der Pool verlangt, dass ${p.username} MFA einrichtet, aber nicht mit einer Authenticator-App (er bietet an: ${p.options || 'nichts'}).`,
      hint: () =>
        'Bitte den Administrator des Pools, Authenticator-Apps für den Pool zu aktivieren, oder richte die andere Methode anderswo ein.',
    },
    cognitoNoSession: {
      message: () =>
        'Cognito hat den Code bestätigt, aber keine Sitzung zurückgegeben, um die Anmeldung abzuschließen.',
      hint: () => 'Melde dich erneut an.',
    },
    cognitoExtraStep: {
      message: (p) =>
        `Cognito hat nach der Einrichtung des Authenticators einen weiteren Schritt verlangt (${p.step}).`,
      hint: () => 'Melde dich erneut an; der Authenticator ist eingerichtet.',
    },
    cognitoNoKey: {
      message: () => 'Cognito hat keinen Schlüssel für den Authenticator zurückgegeben.',
      hint: () => 'Versuche die Einrichtung erneut.',
    },
    cognitoVerifyFailed: {
      message: () =>
        'Cognito hat den Code nicht akzeptiert, daher wurde der Authenticator nicht eingerichtet.',
      hint: () =>
        'Prüfe, ob dieser Computer seine Uhr automatisch stellt, und starte die Einrichtung dann erneut.',
    },
    cognitoPendingKept: pendingKept(
      'de',
      'Der Schlüssel bleibt als ausstehendes Konto erhalten: „Einrichtung fortsetzen“ in der Liste versucht es erneut, „Verwerfen“ entfernt ihn.',
    ),
    cognitoNothingToDisable: {
      message: (p) =>
        `${p.username} hat keinen Authenticator, der sich ausschalten ließe: Der Pool verlangt, dass einer eingerichtet wird.`,
      hint: () => 'Es gibt nichts zu tun.',
    },
    cognitoCredentialsNeeded: {
      message: () => 'Zum Anmelden werden ein Benutzername und ein Passwort gebraucht.',
      hint: () => 'Gib beides an und versuche es erneut.',
    },
    cognitoSrpChallenge: {
      message: () =>
        'Cognito hat eine Passwort-Challenge gesendet, die Keyfob nicht beantworten konnte (ihre SRP-Werte fehlten oder waren ungültig).',
      hint: () =>
        'Versuche es erneut; passiert es immer wieder, verwende --auth-flow password für dieses Pool-Profil und melde den Fehler.',
    },
    cognitoNoTokens: {
      message: () => 'Cognito hat den Benutzer angemeldet, aber keine Tokens zurückgegeben.',
      hint: () => 'Versuche es erneut.',
    },
    cognitoUnsupportedChallenge: {
      message: (p) =>
        `Der Pool hat einen Anmeldeschritt verlangt, den Keyfob nicht unterstützt (${p.challenge || 'keiner'}).`,
      hint: () =>
        'Verwende für Keyfob einen App-Client ohne benutzerdefinierte Authentifizierung (CUSTOM_AUTH) und ohne passwortlose Anmeldung.',
    },
    cognitoCancelled: {
      message: () => 'Abgebrochen.',
      hint: () =>
        'Beginne erneut, wenn du so weit bist; ein bereits gespeicherter Schlüssel bleibt erhalten.',
    },
    cognitoNotWaiting: {
      message: () => 'Dieser Schritt wartet nicht auf diese Antwort.',
      hint: () => 'Beginne von vorn.',
    },
    cognitoFlowFailed: {
      message: () => 'In Keyfob ist etwas schiefgegangen.',
      hint: () => 'Versuche es erneut.',
    },
    // pool profiles (main/cognito/profiles.ts)
    cognitoProfileName: {
      message: (p) => `„${p.name}“ kann kein Profilname sein.`,
      hint: () =>
        'Verwende bis zu 64 Buchstaben, Ziffern, Punkte, Bindestriche oder Unterstriche, beginnend mit einem Buchstaben oder einer Ziffer (z. B. staging-pool).',
    },
    cognitoProfileRegion: {
      message: (p) => `„${p.region}“ ist keine AWS-Region.`,
      hint: () => 'Regionen sehen aus wie us-east-1 oder eu-west-2.',
    },
    cognitoProfilePoolId: {
      message: (p) => `„${p.poolId}“ ist keine Benutzerpool-ID.`,
      hint: () =>
        'Pool-IDs bestehen aus der Region, einem Unterstrich und einem Code, z. B. us-east-1_AbCdEf123 (Cognito-Konsole: User pool overview).',
    },
    cognitoProfileRegionMismatch: {
      message: (p) => `Der Pool ${p.poolId} liegt in ${p.poolRegion}, nicht in ${p.region}.`,
      hint: (p) => `Verwende --region ${p.poolRegion}, die Region am Anfang der Pool-ID.`,
    },
    cognitoProfileClientId: {
      message: (p) => `„${p.clientId}“ ist keine App-Client-ID.`,
      hint: () =>
        'App-Client-IDs bestehen aus Buchstaben und Ziffern, z. B. 1example23456789abcdefghij (Cognito-Konsole: App clients).',
    },
    cognitoProfileAuthFlow: {
      message: (p) => `„${p.flow}“ ist kein Anmeldeverfahren.`,
      hint: () =>
        'Verwende srp (USER_SRP_AUTH, die Voreinstellung), password (USER_PASSWORD_AUTH) oder admin (ADMIN_USER_PASSWORD_AUTH, mit AWS-Zugangsdaten).',
    },
    cognitoProfileEndpoint: {
      message: (p) => `„${p.endpoint}“ ist keine URL.`,
      hint: () =>
        'Gib die vollständige Adresse an, z. B. http://127.0.0.1:9229 oder https://cognito-idp.us-east-1.amazonaws.com.',
    },
    cognitoProfileEndpointProtocol: {
      message: (p) => `Der Endpunkt muss eine http- oder https-URL sein, nicht ${p.protocol}.`,
      hint: () => 'Zum Beispiel http://127.0.0.1:9229.',
    },
    cognitoProfileEndpointHttp: {
      message: (p) =>
        `Der Endpunkt ${p.endpoint} ist unverschlüsseltes http auf einem anderen Rechner: Passwörter und Tokens gingen unverschlüsselt durchs Netzwerk.`,
      hint: () =>
        'Verwende https, oder http nur für einen Emulator auf diesem Rechner (127.0.0.1 oder localhost).',
    },
    cognitoProfileNotFound: {
      message: (p) => `Es gibt kein Pool-Profil namens „${p.name}“.`,
      hint: () => 'Wähle einen Pool aus der Liste oder füge ihn unter Benutzerpools hinzu.',
    },
    cognitoProfileExists: {
      message: (p) => `Ein Pool-Profil namens „${p.name}“ gibt es bereits.`,
      hint: () => 'Wähle einen anderen Namen oder ergänze --replace, um es zu aktualisieren.',
    },
    cognitoClientSecretEmpty: {
      message: () => 'Das Client-Secret ist leer.',
      hint: () =>
        'Füge das Client-Secret des App-Clients ein (Cognito-Konsole: App clients → Show client secret) oder lass es weg, wenn der Client keines hat.',
    },
    cognitoClientSecretMissing: {
      message: (p) => `Das Client-Secret des Pool-Profils „${p.name}“ ist nicht im Schlüsselbund.`,
      hint: () => 'Bearbeite das Pool-Profil und gib sein Client-Secret erneut ein.',
    },
  },
  zh: {
    // what Cognito answered (main/cognito/errors.ts)
    cognitoSessionExpired: {
      message: () => '登录会话已过期：Cognito 只给每个步骤几分钟时间（默认 3 分钟）。',
      hint: () => '请从登录开始重新操作；Keyfob 已保存的密钥会一直保留，直到新密钥验证通过。',
    },
    cognitoSessionUsed: {
      message: () => '登录会话已失效（Cognito 登录的每个步骤只能应答一次）。',
      hint: () => '请从登录开始重新操作。',
    },
    cognitoPasswordAttempts: {
      message: () => '密码错误次数过多：Cognito 已暂时锁定该用户。',
      hint: () => '请稍候（锁定时间会从几秒逐步增加到约 15 分钟），然后用正确的密码试一次。',
    },
    cognitoClientSecretNeeded: {
      message: (p) => `应用客户端${p.clientId ? ` ${p.clientId} ` : ''}有客户端密钥，但此用户池配置中没有。`,
      hint: () => '请编辑用户池配置，填入应用客户端的密钥。',
    },
    cognitoSecretHashMfaSetup: {
      message: () =>
        '完成身份验证器设置时，Cognito 未接受客户端密钥哈希：使用密码流程时，如果用户通过电子邮件或电话号码登录，Cognito 不会告知应对哪个用户名计算哈希。',
      hint: () => '请编辑用户池配置，改用 SRP 登录流程；身份验证器已经设置好，之后即可正常登录。',
    },
    cognitoClientSecretRejected: {
      message: () => 'Cognito 未接受此用户池配置中保存的客户端密钥。',
      hint: () =>
        '请重新复制应用客户端密钥（Cognito 控制台：App clients → Show client secret），并保存到配置中。',
    },
    cognitoAccessTokenExpired: {
      message: () => '登录已过期（其访问令牌已超过有效期）。',
      hint: () => '请重新登录。',
    },
    cognitoTokenRejected: {
      message: () => 'Cognito 未接受登录令牌。',
      hint: () => '请重新登录。',
    },
    cognitoAwsNotPermitted: {
      message: () => '该 AWS 凭证无权对此用户池执行此操作。',
      hint: () => '请使用对此用户池拥有 cognito-idp 权限的凭证（或 --aws-profile）。',
    },
    cognitoMfaCodeRejected: {
      message: () => 'Cognito 未接受本次登录的验证码。',
      hint: () => ZH_CLOCK,
    },
    cognitoWrongPassword: {
      message: () => 'Cognito 未接受该用户名和密码。',
      hint: () => '请检查两者（用户名可能区分大小写），然后重试。',
    },
    cognitoUserDisabled: {
      message: () => '此用户在用户池中已被禁用。',
      hint: () => '请联系用户池管理员重新启用该用户。',
    },
    cognitoTemporaryPasswordExpired: {
      message: () => '临时密码在更改之前已过期。',
      hint: () => '请联系用户池管理员发送新的临时密码（AdminCreateUser，MessageAction 设为 RESEND）。',
    },
    cognitoStepRefused: {
      message: () => 'Cognito 拒绝了登录的这一步。',
      hint: () => '服务返回的消息见下方；请重新开始登录，如果问题仍然存在，请联系用户池管理员。',
    },
    cognitoLambda: {
      message: () => '用户池的自定义检查（其某个 Lambda 触发器）拒绝了登录或运行失败。',
      hint: () => '下方消息来自用户池自己的代码；请向用户池管理员咨询。',
    },
    cognitoTotpNotSetUp: {
      message: () => '此用户在用户池中尚未设置身份验证器应用（TOTP）。',
      hint: () => '请先将 Keyfob 设置为此用户的身份验证器。',
    },
    cognitoTotpNotEnabled: {
      message: () => '此用户池未启用身份验证器应用（TOTP）MFA。',
      hint: () =>
        '请让用户池管理员为该用户池启用身份验证器应用；如果是你自己的测试用户池，在终端中运行 `keyfob pool mfa-config <profile> --totp on` 即可。',
    },
    cognitoCodeRejectedNotSetUp: {
      message: () => 'Cognito 未接受该验证码，因此身份验证器未设置成功。',
      hint: () => ZH_CLOCK,
    },
    cognitoCodeRejected: {
      message: () => 'Cognito 未接受该验证码。',
      hint: () => ZH_CLOCK,
    },
    cognitoCodeUsed: {
      message: () => '该验证码已使用过；Cognito 每个验证码只接受一次。',
      hint: () => '请等待下一个验证码（最多 30 秒）后重试。',
    },
    cognitoCodeExpired: {
      message: () => '验证码已过期。',
      hint: () => '请使用新的验证码。',
    },
    cognitoUserNotFound: {
      message: () => '用户池中没有该名称的用户。',
      hint: () => '请检查用户名（或电子邮件地址）和用户池配置。',
    },
    cognitoUserNotConfirmed: {
      message: () => '该用户尚未确认其账户。',
      hint: () => '请使用 Cognito 发送的验证码确认，或请管理员确认该用户。',
    },
    cognitoPasswordResetRequired: {
      message: () => '用户池要求此用户重置密码。',
      hint: () => '请通过应用的“忘记密码”页面重置，或联系管理员。',
    },
    cognitoPasswordPolicy: {
      message: () => '新密码不符合用户池的密码策略。',
      hint: () => '请选择更长的密码，并按要求混合使用大小写字母、数字和符号。',
    },
    cognitoPasswordRejected: {
      message: () => 'Cognito 未接受该密码。',
      hint: () => '请检查密码（区分大小写），然后重试。',
    },
    cognitoPasswordReused: {
      message: () => '用户池不允许重复使用最近用过的密码。',
      hint: () => '请选择一个以前没用过的密码。',
    },
    cognitoMfaMethodMissing: {
      message: () => '用户池要求使用此用户尚未设置的 MFA 方式。',
      hint: () => '请先将 Keyfob 设置为身份验证器。',
    },
    cognitoPoolMfaConfig: {
      message: () => '用户池未针对此操作进行配置（例如没有可用的 MFA 方式）。',
      hint: () => '请让用户池管理员检查其 MFA 设置。',
    },
    cognitoDeviceForgotten: {
      message: () => 'Cognito 已不再识别记住此次登录的设备。',
      hint: () => '请重新登录。',
    },
    cognitoPoolUnknown: {
      message: () => 'Cognito 不认识此用户池或应用客户端。',
      hint: () => '请编辑用户池配置，检查用户池 ID、应用客户端 ID 和区域。',
    },
    cognitoRateLimited: {
      message: () => 'Cognito 目前正在限制对此用户池的请求。',
      hint: () => '请等几秒钟后重试。',
    },
    cognitoTooManyAttempts: {
      message: () => 'Cognito 已拒绝：短时间内尝试次数过多。',
      hint: () => '请等几分钟后重试。',
    },
    cognitoWafBlocked: {
      message: () => '用户池的 Web 应用防火墙（AWS WAF）拦截了该请求。',
      hint: () => '请换一个网络重试，或请用户池管理员放行此地址或放宽 WAF 规则。',
    },
    cognitoInternalError: {
      message: () => 'Cognito 发生了内部错误。',
      hint: () => '请稍后重试。',
    },
    cognitoFlowNotEnabled: {
      message: () => '应用客户端不允许此登录流程。',
      hint: (p) =>
        p.flow === 'USER_PASSWORD_AUTH'
          ? '请在应用客户端上启用 ALLOW_USER_PASSWORD_AUTH，或为此用户池配置使用 --auth-flow srp。'
          : p.flow === 'USER_SRP_AUTH'
            ? '请在应用客户端上启用 ALLOW_USER_SRP_AUTH，或为此用户池配置使用 --auth-flow password。'
            : '请在应用客户端上启用该流程（例如 ALLOW_ADMIN_USER_PASSWORD_AUTH），或选择其他 --auth-flow。',
    },
    cognitoTotpNotVerified: {
      message: () => '身份验证器验证通过之前，Cognito 无法将其设为 MFA 方式。',
      hint: () => '请先完成注册（验证一个验证码）。',
    },
    cognitoSessionLost: {
      message: () => '登录会话已丢失。',
      hint: () => '请从登录开始重新操作。',
    },
    cognitoNewPasswordRefused: {
      message: () => 'Cognito 拒绝了新密码或某个必填属性。',
      hint: () => '请检查下方的详细信息；如果看起来没有问题，这可能是 Keyfob 的缺陷：请报告它。',
    },
    cognitoValueRefused: {
      message: () => 'Cognito 拒绝了 Keyfob 发送的某个值。',
      hint: () => '请检查下方的详细信息；如果看起来没有问题，这可能是 Keyfob 的缺陷：请报告它。',
    },
    cognitoAliasExists: {
      message: () => '其他用户已在使用该电子邮件地址或电话号码。',
      hint: () => '请换一个。',
    },
    cognitoAwsCredentialsUnknown: {
      message: () => 'AWS 无法识别该凭证。',
      hint: () => '请检查 AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY 或你选择的 --aws-profile。',
    },
    cognitoAwsCredentialsMissing: {
      message: () => '未找到管理员流程所需的 AWS 凭证。',
      hint: () =>
        '请设置 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY，运行 `aws configure`，或为用户池配置指定 --aws-profile。',
    },
    cognitoNetwork: {
      message: (p) => `Keyfob 无法连接${p.endpoint ? `位于 ${p.endpoint} 的` : ''} Cognito（${p.network}）。`,
      hint: () => '请检查网络连接（以及代理或 VPN），以及用户池配置中的区域或终端节点。',
    },
    cognitoUnknownError: {
      message: (p) => `Cognito 返回了 Keyfob 无法识别的错误${p.status ? `（HTTP ${p.status}）` : ''}。`,
      hint: () => '请重试；如果问题仍然存在，请检查用户池配置和下方的详细信息。',
    },
    // the engine (main/cognito/engine.ts, signin.ts, flows.ts)
    cognitoCodeShape: {
      message: (p) =>
        `Cognito 只接受 SHA-1、6 位、30 秒的验证码，而 ${p.issuer}（${p.label}）使用的是 ${p.algorithm}、${p.digits} 位、${p.period} 秒。`,
      hint: () => '请重新将 Keyfob 设置为身份验证器；这样会保存 Cognito 发放的密钥。',
    },
    cognitoNewPasswordNeeded: {
      message: (p) =>
        `用户池要求 ${p.username} 在登录前设置新密码${p.attributes ? `（并提供：${p.attributes}）` : ''}。`,
      hint: () => '请提供新密码（keyfob：--new-password-stdin，放在标准输入的第二行）。',
    },
    cognitoAttributesNeeded: {
      message: (p) => `用户池还需要以下属性：${p.attributes}。`,
      hint: () => '请为每个属性填写值，然后重试。',
    },
    cognitoNoUsableMfa: {
      message: (p) => `用户池只提供 Keyfob 无法使用的 MFA 方式（${p.options}）。`,
      hint: () => '请在用户池上启用身份验证器应用（TOTP）MFA。',
    },
    cognitoNoLinkedKey: {
      message: (p) => `${p.username} 已在用户池 ${p.pool} 中设置了身份验证器，但 Keyfob 没有与其关联的密钥。`,
      hint: () => '请将 Keyfob 设置为此用户的身份验证器（它会取代另一个应用），或使用持有该密钥的应用登录。',
    },
    cognitoCodeNeeded: {
      message: (p) =>
        `用户池已通过${p.via === 'sms' ? '短信' : '电子邮件'}${p.destination ? `向 ${p.destination} ` : ''}发送验证码，需要手动输入。`,
      hint: () => '请在终端中运行该命令（Keyfob 会在那里询问验证码），或在 Keyfob 应用中登录。',
    },
    cognitoSetupRequired: {
      message: (p) => `用户池要求 ${p.username} 在登录前设置身份验证器。`,
      hint: () => '请先将 Keyfob 设置为此用户的身份验证器。',
    },
    cognitoSetupWithoutTotp: {
      message: (p) =>
        `用户池要求 ${p.username} 设置 MFA，但不能使用身份验证器应用（它提供：${p.options || '无'}）。`,
      hint: () => '请让用户池管理员为该用户池启用身份验证器应用，或在别处设置其他方式。',
    },
    cognitoNoSession: {
      message: () => 'Cognito 已验证验证码，但没有返回用于完成登录的会话。',
      hint: () => '请重新登录。',
    },
    cognitoExtraStep: {
      message: (p) => `身份验证器设置完成后，Cognito 又要求了一个步骤（${p.step}）。`,
      hint: () => '请重新登录；身份验证器已设置完成。',
    },
    cognitoNoKey: {
      message: () => 'Cognito 没有返回身份验证器的密钥。',
      hint: () => '请重新注册。',
    },
    cognitoVerifyFailed: {
      message: () => 'Cognito 未接受该验证码，因此身份验证器未设置成功。',
      hint: () => '请检查这台电脑是否自动设置时间，然后重新注册。',
    },
    cognitoPendingKept: pendingKept(
      'zh',
      '该密钥已作为待验证账户保留：在列表中点“继续注册”可重试，点“丢弃”可将其删除。',
    ),
    cognitoNothingToDisable: {
      message: (p) => `${p.username} 没有可关闭的身份验证器：用户池要求其先设置一个。`,
      hint: () => '无需任何操作。',
    },
    cognitoCredentialsNeeded: {
      message: () => '登录需要用户名和密码。',
      hint: () => '请填写两者后重试。',
    },
    cognitoSrpChallenge: {
      message: () => 'Cognito 发送了 Keyfob 无法应答的密码质询（其 SRP 值缺失或无效）。',
      hint: () => '请重试；如果反复出现，请为此用户池配置使用 --auth-flow password，并报告此问题。',
    },
    cognitoNoTokens: {
      message: () => 'Cognito 已让用户登录，但没有返回令牌。',
      hint: () => '请重试。',
    },
    cognitoUnsupportedChallenge: {
      message: (p) => `用户池要求了 Keyfob 不支持的登录步骤（${p.challenge || '无'}）。`,
      hint: () => '请为 Keyfob 使用未启用自定义身份验证（CUSTOM_AUTH）和无密码登录的应用客户端。',
    },
    cognitoCancelled: {
      message: () => '已取消。',
      hint: () => '准备好后请重新开始；已保存的密钥都会保留。',
    },
    cognitoNotWaiting: {
      message: () => '此步骤并未在等待该回答。',
      hint: () => '请重新开始。',
    },
    cognitoFlowFailed: {
      message: () => 'Keyfob 内部出现了问题。',
      hint: () => '请重试。',
    },
    // pool profiles (main/cognito/profiles.ts)
    cognitoProfileName: {
      message: (p) => `“${p.name}”不能用作配置名称。`,
      hint: () => '最多使用 64 个字母、数字、点、连字符或下划线，并以字母或数字开头（例如 staging-pool）。',
    },
    cognitoProfileRegion: {
      message: (p) => `“${p.region}”不是 AWS 区域。`,
      hint: () => '区域的格式类似 us-east-1 或 eu-west-2。',
    },
    cognitoProfilePoolId: {
      message: (p) => `“${p.poolId}”不是用户池 ID。`,
      hint: () =>
        '用户池 ID 由区域、下划线和一段代码组成，例如 us-east-1_AbCdEf123（Cognito 控制台：User pool overview）。',
    },
    cognitoProfileRegionMismatch: {
      message: (p) => `用户池 ${p.poolId} 位于 ${p.poolRegion}，而不是 ${p.region}。`,
      hint: (p) => `请使用 --region ${p.poolRegion}，即用户池 ID 开头的区域。`,
    },
    cognitoProfileClientId: {
      message: (p) => `“${p.clientId}”不是应用客户端 ID。`,
      hint: () =>
        '应用客户端 ID 由字母和数字组成，例如 1example23456789abcdefghij（Cognito 控制台：App clients）。',
    },
    cognitoProfileAuthFlow: {
      message: (p) => `“${p.flow}”不是登录流程。`,
      hint: () =>
        '请使用 srp（USER_SRP_AUTH，默认）、password（USER_PASSWORD_AUTH）或 admin（ADMIN_USER_PASSWORD_AUTH，需要 AWS 凭证）。',
    },
    cognitoProfileEndpoint: {
      message: (p) => `“${p.endpoint}”不是 URL。`,
      hint: () =>
        '请填写完整地址，例如 http://127.0.0.1:9229 或 https://cognito-idp.us-east-1.amazonaws.com。',
    },
    cognitoProfileEndpointProtocol: {
      message: (p) => `终端节点必须是 http 或 https URL，而不是 ${p.protocol}。`,
      hint: () => '例如 http://127.0.0.1:9229。',
    },
    cognitoProfileEndpointHttp: {
      message: (p) =>
        `终端节点 ${p.endpoint} 是另一台机器上的明文 http：密码和令牌会以未加密的形式在网络上传输。`,
      hint: () => '请使用 https；http 仅适用于本机上的模拟器（127.0.0.1 或 localhost）。',
    },
    cognitoProfileNotFound: {
      message: (p) => `没有名为“${p.name}”的用户池配置。`,
      hint: () => '请从列表中选择用户池，或在“用户池”下添加。',
    },
    cognitoProfileExists: {
      message: (p) => `名为“${p.name}”的用户池配置已存在。`,
      hint: () => '请换一个名称，或添加 --replace 来更新它。',
    },
    cognitoClientSecretEmpty: {
      message: () => '客户端密钥为空。',
      hint: () =>
        '请粘贴应用客户端密钥（Cognito 控制台：App clients → Show client secret）；如果该客户端没有密钥，请留空。',
    },
    cognitoClientSecretMissing: {
      message: (p) => `用户池配置“${p.name}”的客户端密钥不在钥匙串中。`,
      hint: () => '请编辑该用户池配置，重新输入其客户端密钥。',
    },
  },
};
