import type { Messages } from "./en";
import { esPages } from "./es-pages";

/** The emails in Spanish (informal "tú", as most onboarding mail is written). */
const esEmails: Omit<Messages, keyof typeof esPages> = {
  language: "es",
  common: {
    greeting: (name: string) => (name ? `Hola, ${name}:` : "Hola:"),
    loginNameLabel: "Nombre de usuario",
    copyLink: "Si el botón no funciona, copia este enlace en tu navegador:",
    linkExpires: (when: string) => `Este enlace funciona una sola vez, hasta el ${when}.`,
    helpQuestion: "¿No te ha llegado un correo o tienes problemas con un enlace?",
    helpLink: "Obtener ayuda para iniciar sesión",
    footer: (organization: string) => `Recibes este correo porque tienes una cuenta en ${organization}.`,
  },
  welcome: {
    subject: "¡Se ha creado tu cuenta!",
    preview: (organization: string) => `${organization} ha creado tu cuenta. Elige tu contraseña para empezar.`,
    heading: (organization: string) => `Te damos la bienvenida a ${organization}`,
    intro: (organization: string) => `Se ha creado una cuenta para ti en ${organization}.`,
    directNumberLabel: "Tu número directo",
    button: "Elige tu contraseña",
    sentBy: (who: string) => `Enviado por ${who}.`,
  },
  "password-reset": {
    subject: "Restablece tu contraseña",
    preview: (organization: string) => `Restablece la contraseña de tu cuenta de ${organization}.`,
    heading: "Restablece tu contraseña",
    intro: (organization: string) => `Se ha pedido restablecer la contraseña de tu cuenta de ${organization}.`,
    requestedBy: (who: string) => `Lo ha pedido ${who}.`,
    button: "Restablecer la contraseña",
    notYou: "Si no lo has pedido tú, ignora este correo: tu contraseña no cambiará.",
  },
  "password-changed": {
    subject: "Se ha cambiado tu contraseña",
    preview: (organization: string) => `Se ha cambiado la contraseña de tu cuenta de ${organization}.`,
    heading: "Se ha cambiado tu contraseña",
    changedAt: (organization: string, when: string) => `La contraseña de tu cuenta de ${organization} se cambió el ${when}.`,
    otherSessions: "Por seguridad, se ha cerrado tu sesión en todos los demás dispositivos.",
    signIn: (organization: string) => `Iniciar sesión en ${organization}`,
    notYou: "Si no has sido tú, avisa a tu responsable de inmediato.",
  },
  "email-verify": {
    subject: "Confirma tu nueva dirección de correo",
    preview: (address: string) => `Confirma ${address} como tu dirección de correo.`,
    heading: "Confirma tu nueva dirección de correo",
    intro: (organization: string, address: string) =>
      `Confirma que quieres usar ${address} como dirección de correo de tu cuenta de ${organization}.`,
    button: "Confirmar la dirección",
    notYou: "Si no lo has pedido tú, ignora este correo: tu cuenta mantendrá su dirección actual.",
  },
  "email-changed": {
    subject: "Un cambio en tu dirección de correo",
    preview: (organization: string) => `La dirección de correo de tu cuenta de ${organization} va a cambiar.`,
    heading: "Un cambio en tu dirección de correo",
    requested: (organization: string, masked: string) =>
      `Alguien ha pedido cambiar la dirección de correo de tu cuenta de ${organization} a ${masked}. El cambio se hace en cuanto se abra el enlace que enviamos a esa dirección.`,
    changed: (organization: string, masked: string) => `La dirección de correo de tu cuenta de ${organization} se ha cambiado a ${masked}.`,
    ifYou: "Si has sido tú, no tienes que hacer nada.",
    notYou: "Si no has sido tú, deshazlo ahora: esta dirección seguirá siendo tu dirección de correo y se cerrará la sesión de todas las personas que hayan entrado en tu cuenta.",
    button: "No he sido yo",
  },
};

export const es: Messages = { ...esEmails, ...esPages };
