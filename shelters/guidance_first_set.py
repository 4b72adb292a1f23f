"""The first national safety guidance, in English and Spanish, written for this
directory in plain words. Loaded once by migration 0020; from then on coalition
staff keep it in the admin (shelters.models.Guidance), with change history.

Each step: (topic, order, language, title, body).
"""

from datetime import date

REVIEWED_ON = date(2026, 12, 1)
REVIEWED_BY = "Directory maintainers (first national set)"

STEPS = [
    # If you are in danger now
    ("immediate_danger", 1, "en", "Stay where you can get out",
     "If someone is hurting you, or is about to, try to keep out of rooms where you "
     "could be trapped: small rooms, rooms with only one way out, the kitchen, and "
     "anywhere weapons are kept. If you can, go to a room that locks from the inside."),
    ("immediate_danger", 1, "es", "Quédese donde pueda salir",
     "Si alguien le está haciendo daño, o está a punto de hacerlo, trate de no quedarse "
     "en lugares de donde sea difícil salir: cuartos pequeños, cuartos con una sola "
     "salida, la cocina o donde haya armas. Si puede, vaya a un cuarto que se cierre "
     "con llave por dentro."),
    ("immediate_danger", 2, "en", "Keep a phone with you",
     "Keep a phone within reach. Call 911 as soon as you can do it safely. The call is "
     "free and can be made from almost any phone."),
    ("immediate_danger", 2, "es", "Tenga un teléfono a la mano",
     "Mantenga un teléfono cerca. Llame al 911 en cuanto pueda hacerlo sin peligro. La "
     "llamada es gratis y se puede hacer desde casi cualquier teléfono."),
    # Calling the police
    ("police", 1, "en", "When you are safe, call the police",
     "Once you are safe, you can call the police. Tell the person who answers where "
     "you are, or where you are going."),
    ("police", 1, "es", "Cuando esté a salvo, llame a la policía",
     "Cuando ya esté a salvo, puede llamar a la policía. Dígale a quien conteste dónde "
     "está o adónde va."),
    ("police", 2, "en", "Keep the details of the report",
     "Ask for a copy of the police report, the case number, and the names of the "
     "officers who came. You may need them later, for example to ask a court for a "
     "protective order."),
    ("police", 2, "es", "Guarde los datos del reporte",
     "Pida una copia del reporte policial, el número de caso y los nombres de los "
     "agentes que acudieron. Puede necesitarlos más adelante, por ejemplo para pedirle "
     "a un juez una orden de protección."),
    ("police", 3, "en", "If no one is arrested",
     "The police may not be able to arrest the person who hurt you. If they cannot, "
     "plan to go somewhere safe: to someone you trust whom that person does not know, "
     "or to a shelter."),
    ("police", 3, "es", "Si no arrestan a nadie",
     "Es posible que la policía no pueda arrestar a la persona que le hizo daño. Si es "
     "así, busque un lugar seguro: con alguien de confianza a quien esa persona no "
     "conozca, o en un refugio."),
    # Medical care
    ("medical", 1, "en", "See a doctor if you were hurt",
     "If you were hurt, get medical care, even if the injuries seem small. Some "
     "injuries do not show at first."),
    ("medical", 1, "es", "Si le hicieron daño, vea a un médico",
     "Si sufrió alguna lesión, busque atención médica aunque parezca leve. Algunas "
     "lesiones no se notan al principio."),
    ("medical", 2, "en", "Have your injuries written down",
     "Ask the doctor or nurse to write down your injuries. If you can, take photos of "
     "them with the date. These records can help you later."),
    ("medical", 2, "es", "Pida que anoten sus lesiones",
     "Pídale al médico o a la enfermera que anote sus lesiones. Si puede, tómeles fotos "
     "con la fecha. Estos registros pueden ayudarle más adelante."),
    # Finding a safe place
    ("find_shelter", 1, "en", "A hotline can find you a shelter",
     "A hotline advocate can look for a shelter with room for you, and for your "
     "children or pets. You do not need to know where to go before you call."),
    ("find_shelter", 1, "es", "Una línea de ayuda puede encontrarle un refugio",
     "Una persona de la línea de ayuda puede buscarle un refugio con lugar para usted, "
     "y para sus hijos o mascotas. No necesita saber adónde ir antes de llamar."),
    ("find_shelter", 2, "en", "A shelter can arrange medical care",
     "Once you are there, a shelter can help you see a doctor and get other support."),
    ("find_shelter", 2, "es", "Un refugio puede conseguirle atención médica",
     "Una vez allí, el refugio puede ayudarle a ver a un médico y a recibir otros "
     "tipos de apoyo."),
    # Your privacy
    ("your_privacy", 1, "en", "A shelter does not need your personal details",
     "You do not have to give a shelter your personal information. Using another name "
     "is fine."),
    ("your_privacy", 1, "es", "Un refugio no necesita sus datos personales",
     "No tiene que darle sus datos personales a un refugio. Puede usar otro nombre."),
]  # fmt: skip
