"""Demo content for Mesa: CONCYTEC's IVAI 2021–2022 programme.

Pure data module (no application imports). It models the eight regional
initiatives of "Iniciativas de Vinculación para Acelerar la Innovación"
(IVAI), the three workshop phases each initiative went through, the
organisations that took part, the action lines and public policy reform
proposals that came out of the sessions, and sample stakeholder comments.

Budgets are indicative estimates in Peruvian soles (PEN).
"""

from typing import Any, Dict, List, Tuple

PROGRAMME: Dict[str, str] = {
    "name": "IVAI 2021–2022",
    "institution": "CONCYTEC",
    "description_es": (
        "Las Iniciativas de Vinculación para Acelerar la Innovación (IVAI) "
        "fueron impulsadas por el Consejo Nacional de Ciencia, Tecnología e "
        "Innovación Tecnológica (CONCYTEC) para articular al Estado, las "
        "empresas, la academia y la sociedad civil en torno a ocho cadenas de "
        "valor regionales. Cada iniciativa recorrió tres fases —situación "
        "actual, posicionamiento competitivo y hoja de ruta— en 24 sesiones "
        "estratégicas con más de 500 actores, de las que surgieron 37 líneas "
        "de acción y 34 propuestas de reforma de políticas públicas."
    ),
    "description_en": (
        "The Linkage Initiatives to Accelerate Innovation (IVAI) were "
        "promoted by Peru's National Council for Science, Technology and "
        "Technological Innovation (CONCYTEC) to bring government, business, "
        "academia and civil society together around eight regional value "
        "chains. Each initiative went through three phases — current "
        "situation, competitive positioning and roadmap — in 24 strategy "
        "sessions with more than 500 stakeholders, producing 37 action lines "
        "and 34 public policy reform proposals."
    ),
}

PHASES: List[Dict[str, Any]] = [
    {"number": 1, "name_es": "Situación actual", "name_en": "Current situation"},
    {"number": 2, "name_es": "Posicionamiento competitivo", "name_en": "Competitive positioning"},
    {"number": 3, "name_es": "Hoja de ruta", "name_en": "Roadmap"},
]

SECTORS: Tuple[str, ...] = ("public", "private", "academic", "civil_society")

INITIATIVES: List[Dict[str, Any]] = [
    # ------------------------------------------------------------------
    # 1. Pisco — Lima
    # ------------------------------------------------------------------
    {
        "slug": "pisco",
        "name_es": "Destilados (pisco) — Lima",
        "name_en": "Distilled spirits (pisco) — Lima",
        "value_chain_es": "Destilados de uva (pisco)",
        "value_chain_en": "Grape spirits (pisco)",
        "region": "Lima",
        "summary_es": (
            "La cadena del pisco en Lima provincias articula a viticultores de "
            "los valles de Cañete, Huaral y Huaura con bodegas artesanales e "
            "industriales que abastecen al mercado nacional y a la exportación. "
            "Sus principales retos son la calidad heterogénea del destilado, el "
            "envejecimiento del viñedo de uva Quebranta y la escasa "
            "diferenciación en mercados externos. La iniciativa busca "
            "consolidar un pisco limeño con calidad certificada bajo la "
            "Denominación de Origen, trazable desde la vid y vinculado a una "
            "oferta de enoturismo en el valle de Lunahuaná."
        ),
        "summary_en": (
            "The pisco chain in the Lima provinces links grape growers in the "
            "Cañete, Huaral and Huaura valleys with artisanal and industrial "
            "distilleries serving the domestic and export markets. Its main "
            "challenges are uneven spirit quality, ageing Quebranta vineyards "
            "and weak differentiation abroad. The initiative aims to build a "
            "Lima pisco of certified quality under the Designation of Origin, "
            "traceable from the vine and tied to a wine-tourism offer in the "
            "Lunahuaná valley."
        ),
        "venues": [
            "Auditorio de la Sociedad Nacional de Industrias, San Isidro (Lima)",
            "Casa de la Cultura de Lunahuaná, Cañete",
            "Auditorio de la Universidad Nacional Agraria La Molina, Lima",
        ],
        "axes": [
            {"es": "Calidad y Denominación de Origen", "en": "Quality and Designation of Origin"},
            {"es": "Productividad vitícola y agua", "en": "Vineyard productivity and water"},
            {"es": "Mercados y posicionamiento", "en": "Markets and positioning"},
            {"es": "Enoturismo y desarrollo territorial", "en": "Wine tourism and territorial development"},
        ],
        "organisations": {
            "public": [
                "Ministerio de la Producción (PRODUCE)",
                "Comisión Nacional del Pisco (CONAPISCO)",
                "INDECOPI – Dirección de Signos Distintivos",
                "Instituto Nacional de Calidad (INACAL)",
                "Instituto Tecnológico de la Producción (ITP) – CITE Agroindustrial Ica",
                "INIA – Estación Experimental Agraria Donoso, Huaral",
                "Gobierno Regional de Lima",
                "Municipalidad Distrital de Lunahuaná",
                "PROMPERÚ",
            ],
            "private": [
                "Consejo Regulador de la Denominación de Origen Pisco",
                "Sociedad Nacional de Industrias – Comité de Productores de Pisco",
                "Asociación de Exportadores (ADEX) – Comité de Bebidas",
                "Asociación de Productores Vitivinícolas de Lunahuaná",
                "Cooperativa Agraria Vitivinícola Valle de Cañete",
                "Santiago Queirolo S.A.C.",
                "Bodega Reyna de Lunahuaná",
            ],
            "academic": [
                "Universidad Nacional Agraria La Molina (UNALM)",
                "Universidad Nacional de Cañete (UNDC)",
                "Universidad Nacional José Faustino Sánchez Carrión, Huacho",
                "Pontificia Universidad Católica del Perú (PUCP)",
                "Universidad de Lima",
                "Universidad San Ignacio de Loyola – Facultad de Gastronomía",
            ],
            "civil_society": [
                "Asociación Peruana de Gastronomía (APEGA)",
                "Asociación de Sommeliers del Perú",
                "Cámara de Turismo de Lunahuaná",
                "Junta de Usuarios del Sector Hidráulico Cañete",
                "Comité de Regantes de Pacarán",
                "Red de Mujeres Productoras de Pisco de Cañete",
            ],
        },
        "items": [
            {
                "kind": "action_line",
                "title_es": "Laboratorio móvil de análisis de cobre, metanol y volátiles para bodegas artesanales",
                "title_en": "Mobile laboratory testing copper, methanol and volatiles for artisanal distilleries",
                "description_es": (
                    "Una unidad móvil recorrerá los valles de Cañete, Huaral y Huaura durante la campaña de "
                    "destilación para analizar cada lote. El exceso de cobre proveniente de falcas y alambiques "
                    "mal mantenidos es hoy la principal causa de rechazo en el control de la DO."
                ),
                "description_en": (
                    "A mobile unit will tour the Cañete, Huaral and Huaura valleys during the distilling season to "
                    "test every batch. Excess copper from poorly maintained stills is currently the main cause of "
                    "rejection in Designation of Origin controls."
                ),
                "axis": 0,
                "horizon": "short",
                "lead": "ITP – CITE Agroindustrial Ica",
                "partners": "INACAL, Consejo Regulador de la DO Pisco, UNALM, Gobierno Regional de Lima",
                "indicator_es": "Nº de bodegas con análisis fisicoquímico por lote (meta: 120 al 2024)",
                "indicator_en": "No. of distilleries with per-batch physicochemical analysis (target: 120 by 2024)",
                "budget_pen": 950000,
            },
            {
                "kind": "action_line",
                "title_es": "Escuela de maestros destiladores con certificación de competencias",
                "title_en": "Master distiller school with skills certification",
                "description_es": (
                    "Programa modular dictado en el propio valle sobre fermentación, cortes de cabeza y cola, "
                    "limpieza de alambiques y reposo. Los participantes obtendrán una certificación de "
                    "competencias laborales reconocida por el sector."
                ),
                "description_en": (
                    "A modular programme taught in the valley itself covering fermentation, heads and tails cuts, "
                    "still cleaning and resting. Participants will obtain an occupational skills certification "
                    "recognised by the industry."
                ),
                "axis": 0,
                "horizon": "short",
                "lead": "Universidad Nacional de Cañete (UNDC)",
                "partners": "ITP – CITE Agroindustrial Ica, CONAPISCO, Asociación de Productores Vitivinícolas de Lunahuaná",
                "indicator_es": "Nº de destiladores certificados (meta: 200 al 2025)",
                "indicator_en": "No. of certified distillers (target: 200 by 2025)",
                "budget_pen": 680000,
            },
            {
                "kind": "action_line",
                "title_es": "Renovación de viñedos con plantones certificados de Quebranta, Italia y Torontel",
                "title_en": "Vineyard renewal with certified Quebranta, Italia and Torontel vines",
                "description_es": (
                    "Muchas parcelas del valle superan los 40 años y rinden menos de 8 t/ha. Se instalará un "
                    "vivero de plantones libres de virus y se cofinanciará la renovación por etapas para no "
                    "interrumpir los ingresos del productor."
                ),
                "description_en": (
                    "Many plots in the valley are over 40 years old and yield under 8 t/ha. A nursery of "
                    "virus-free vines will be set up and renewal will be co-financed in stages so growers keep "
                    "their income."
                ),
                "axis": 1,
                "horizon": "medium",
                "lead": "INIA – Estación Experimental Agraria Donoso",
                "partners": "Gobierno Regional de Lima, UNALM, Cooperativa Agraria Vitivinícola Valle de Cañete",
                "indicator_es": "Hectáreas renovadas con plantones certificados (meta: 350 ha al 2026)",
                "indicator_en": "Hectares renewed with certified vines (target: 350 ha by 2026)",
                "budget_pen": 4800000,
            },
            {
                "kind": "action_line",
                "title_es": "Riego tecnificado y balance hídrico de viñedos en los valles de Cañete y Huaral",
                "title_en": "Pressurised irrigation and water balance for vineyards in the Cañete and Huaral valleys",
                "description_es": (
                    "Instalación de riego por goteo en viñedos de pequeños productores y sensores de humedad "
                    "compartidos por comités de regantes. Busca reducir el consumo de agua y mejorar la "
                    "concentración de azúcares en la uva."
                ),
                "description_en": (
                    "Drip irrigation for smallholder vineyards and soil-moisture sensors shared by irrigation "
                    "committees. It aims to cut water use and improve sugar concentration in the grapes."
                ),
                "axis": 1,
                "horizon": "long",
                "lead": "Programa Subsectorial de Irrigaciones (PSI) – MIDAGRI",
                "partners": "Junta de Usuarios del Sector Hidráulico Cañete, Comité de Regantes de Pacarán, UNALM",
                "indicator_es": "Hectáreas de viñedo con riego tecnificado (meta: 600 ha al 2028)",
                "indicator_en": "Vineyard hectares with pressurised irrigation (target: 600 ha by 2028)",
                "budget_pen": 7200000,
            },
            {
                "kind": "action_line",
                "title_es": "Trazabilidad vid–botella con código QR para piscos con Denominación de Origen",
                "title_en": "Vine-to-bottle traceability with QR codes for Designation of Origin piscos",
                "description_es": (
                    "Registro digital de parcela, vendimia, lote de destilación y análisis asociado a cada "
                    "botella. El consumidor y el importador podrán verificar origen y variedad escaneando la "
                    "etiqueta."
                ),
                "description_en": (
                    "Digital record of plot, harvest, distillation batch and lab results linked to each bottle. "
                    "Consumers and importers will be able to verify origin and grape variety by scanning the label."
                ),
                "axis": 0,
                "horizon": "medium",
                "lead": "Consejo Regulador de la Denominación de Origen Pisco",
                "partners": "INDECOPI, PRODUCE, Universidad de Lima",
                "indicator_es": "% de botellas con DO de Lima con código de trazabilidad (meta: 60 % al 2026)",
                "indicator_en": "% of Lima DO bottles carrying a traceability code (target: 60% by 2026)",
                "budget_pen": 1350000,
            },
            {
                "kind": "action_line",
                "title_es": "Misiones comerciales y catas para importadores de EE. UU., Chile y la Unión Europea",
                "title_en": "Trade missions and tastings for importers from the US, Chile and the European Union",
                "description_es": (
                    "Participación agrupada de bodegas limeñas en ferias y catas dirigidas a bartenders e "
                    "importadores. Se priorizará a bodegas con volumen estable y registro sanitario vigente."
                ),
                "description_en": (
                    "Joint participation of Lima distilleries in fairs and tastings aimed at bartenders and "
                    "importers. Distilleries with stable volumes and a valid health registration will be prioritised."
                ),
                "axis": 2,
                "horizon": "short",
                "lead": "PROMPERÚ",
                "partners": "ADEX – Comité de Bebidas, Sociedad Nacional de Industrias, CONAPISCO",
                "indicator_es": "Valor exportado por bodegas participantes (meta: USD 2,5 millones al 2025)",
                "indicator_en": "Export value of participating distilleries (target: USD 2.5 million by 2025)",
                "budget_pen": 1100000,
            },
            {
                "kind": "action_line",
                "title_es": "Ruta del Pisco de Lima: circuito de enoturismo Cañete–Lunahuaná–Pacarán",
                "title_en": "Lima Pisco Route: Cañete–Lunahuaná–Pacarán wine-tourism circuit",
                "description_es": (
                    "Señalización, estándares de visita a bodegas y un paquete que combine catas, vendimia y "
                    "canotaje en el río Cañete. Incluye capacitación a bodegueros en atención al visitante."
                ),
                "description_en": (
                    "Signage, visitor standards for distilleries and a package combining tastings, harvest "
                    "experiences and rafting on the Cañete river. Includes visitor-service training for producers."
                ),
                "axis": 3,
                "horizon": "medium",
                "lead": "MINCETUR",
                "partners": "Gobierno Regional de Lima, Municipalidad Distrital de Lunahuaná, Cámara de Turismo de Lunahuaná",
                "indicator_es": "Visitantes anuales a bodegas de la ruta (meta: 80 000 al 2026)",
                "indicator_en": "Annual visitors to route distilleries (target: 80,000 by 2026)",
                "budget_pen": 2600000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Exigir análisis de cobre y metanol por lote para autorizar el uso de la DO Pisco",
                "title_en": "Require per-batch copper and methanol tests to authorise use of the Pisco DO",
                "description_es": (
                    "Modificar el reglamento de la Denominación de Origen para que la autorización de uso se "
                    "renueve con resultados por lote y no solo con una muestra anual. Se acompaña de una tarifa "
                    "subsidiada para bodegas artesanales."
                ),
                "description_en": (
                    "Amend the Designation of Origin regulation so that authorisation is renewed with per-batch "
                    "results rather than a single annual sample, with a subsidised fee for artisanal distilleries."
                ),
                "axis": 0,
                "horizon": "short",
                "lead": "INDECOPI",
                "partners": "PRODUCE, INACAL, Consejo Regulador de la DO Pisco",
                "indicator_es": "% de lotes con DO que cumplen la NTP 211.001 (meta: 95 % al 2025)",
                "indicator_en": "% of DO batches meeting NTP 211.001 (target: 95% by 2025)",
                "budget_pen": 250000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Tratamiento diferenciado del ISC para piscos artesanales de pequeños productores",
                "title_en": "Differentiated excise tax (ISC) for artisanal piscos from small producers",
                "description_es": (
                    "Establecer un tramo reducido del Impuesto Selectivo al Consumo para bodegas con producción "
                    "anual menor a 20 000 litros y DO vigente. La medida reconoce el costo de producir un "
                    "destilado de uva sin rectificar frente a licores industriales."
                ),
                "description_en": (
                    "Create a reduced excise tax band for distilleries producing under 20,000 litres a year with a "
                    "valid DO. It recognises the cost of an unrectified grape spirit compared with industrial liquors."
                ),
                "axis": 2,
                "horizon": "medium",
                "lead": "Ministerio de Economía y Finanzas (MEF)",
                "partners": "PRODUCE, CONAPISCO, SUNAT",
                "indicator_es": "Nº de bodegas artesanales formalizadas que acceden al tramo (meta: 150 al 2026)",
                "indicator_en": "No. of formal artisanal distilleries using the reduced band (target: 150 by 2026)",
                "budget_pen": 180000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Ventanilla única para registro sanitario y licencia de funcionamiento de bodegas",
                "title_en": "One-stop shop for health registration and operating licences for distilleries",
                "description_es": (
                    "Integrar en un solo trámite el registro sanitario de DIGESA, la licencia municipal y la "
                    "inscripción en el padrón de productores. Reduciría a la mitad los plazos que hoy frenan la "
                    "formalización de bodegas familiares."
                ),
                "description_en": (
                    "Merge the DIGESA health registration, municipal licence and producer registry into a single "
                    "procedure, halving the lead times that currently hold back the formalisation of family distilleries."
                ),
                "axis": 0,
                "horizon": "medium",
                "lead": "PRODUCE",
                "partners": "DIGESA, Municipalidad Provincial de Cañete, Gobierno Regional de Lima",
                "indicator_es": "Días promedio de formalización de una bodega (meta: de 120 a 45 días al 2025)",
                "indicator_en": "Average days to formalise a distillery (target: from 120 to 45 days by 2025)",
                "budget_pen": 420000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Pisco con DO como bebida oficial en eventos y compras protocolares del Estado",
                "title_en": "DO pisco as the official drink at state events and protocol purchases",
                "description_es": (
                    "Directiva que obligue a embajadas, ministerios y gobiernos regionales a adquirir pisco con "
                    "Denominación de Origen vigente para actividades oficiales, priorizando bodegas mype."
                ),
                "description_en": (
                    "A directive requiring embassies, ministries and regional governments to buy pisco with a valid "
                    "Designation of Origin for official events, prioritising micro and small distilleries."
                ),
                "axis": 2,
                "horizon": "short",
                "lead": "Ministerio de Relaciones Exteriores",
                "partners": "PRODUCE, Perú Compras, CONAPISCO",
                "indicator_es": "Litros adquiridos por el Estado a bodegas mype (meta: 15 000 L anuales al 2024)",
                "indicator_en": "Litres bought by the state from small distilleries (target: 15,000 L a year by 2024)",
                "budget_pen": 90000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Ordenanza regional que declare de interés la Ruta del Pisco y proteja el suelo vitícola",
                "title_en": "Regional ordinance declaring the Pisco Route of interest and protecting vineyard land",
                "description_es": (
                    "Declarar de interés regional el enoturismo en Lima provincias y restringir el cambio de uso "
                    "de suelo agrícola vitícola en Cañete y Huaral. Facilita inversión en señalización y accesos."
                ),
                "description_en": (
                    "Declare wine tourism in the Lima provinces of regional interest and restrict conversion of "
                    "vineyard land in Cañete and Huaral, easing investment in signage and access roads."
                ),
                "axis": 3,
                "horizon": "short",
                "lead": "Gobierno Regional de Lima",
                "partners": "Municipalidad Provincial de Cañete, Municipalidad Provincial de Huaral, MINCETUR",
                "indicator_es": "Hectáreas vitícolas protegidas por la ordenanza (meta: 1500 ha al 2024)",
                "indicator_en": "Vineyard hectares protected by the ordinance (target: 1,500 ha by 2024)",
                "budget_pen": 120000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Deducción tributaria ampliada para I+D+i vitivinícola bajo la Ley 30309",
                "title_en": "Extended tax deduction for wine and pisco R&D&I under Law 30309",
                "description_es": (
                    "Simplificar la calificación de proyectos de bodegas asociadas y permitir proyectos conjuntos "
                    "con universidades regionales. Hoy casi ninguna bodega mediana usa el beneficio por la "
                    "complejidad del trámite."
                ),
                "description_en": (
                    "Simplify project qualification for associated distilleries and allow joint projects with "
                    "regional universities. Today almost no mid-sized distillery uses the incentive because of red tape."
                ),
                "axis": 1,
                "horizon": "medium",
                "lead": "CONCYTEC",
                "partners": "MEF, PRODUCE, UNALM, UNDC",
                "indicator_es": "Proyectos de I+D+i calificados en el sector (meta: 10 al 2026)",
                "indicator_en": "R&D&I projects qualified in the sector (target: 10 by 2026)",
                "budget_pen": 150000,
            },
        ],
        "comments_es": [
            "En Lunahuaná muchos todavía destilan en falcas antiguas; sin apoyo para cambiarlas, el tema del cobre no se resuelve.",
            "¿Quién va a pagar los análisis por lote? Para una bodega que produce 2000 litros al año el costo pesa bastante.",
            "La Denominación de Origen es nuestro mayor activo frente a Chile; hay que defenderla en cada feria.",
            "Propongo que la ruta del pisco se articule con el canotaje del río Cañete, ahí ya tenemos turistas.",
            "El viñedo de Quebranta está envejecido, hay parcelas de más de 40 años con rendimientos bajísimos.",
            "Ojo con el agua: la junta de usuarios ya anunció turnos de riego más cortos para esta campaña.",
            "De acuerdo con la escuela de destiladores, pero que las clases sean en el valle, no en Lima.",
            "Con el ISC actual un pisco artesanal compite en desventaja con cualquier licor industrial.",
            "¿Se puede incluir a los productores de Huaral y Huaura? Siempre se habla solo de Cañete.",
            "La trazabilidad con QR suena bien, pero primero hay que formalizar a las bodegas sin registro sanitario.",
            "Los importadores en EE. UU. preguntan por volúmenes estables, no solo por medallas.",
            "¡Excelente sesión! Por primera vez estamos en la misma mesa productores, universidad y gobierno regional.",
        ],
    },
    # ------------------------------------------------------------------
    # 2. Mining suppliers — Cajamarca
    # ------------------------------------------------------------------
    {
        "slug": "mining-suppliers",
        "name_es": "Proveedores mineros — Cajamarca",
        "name_en": "Mining suppliers — Cajamarca",
        "value_chain_es": "Proveedores de bienes y servicios para la minería",
        "value_chain_en": "Mining goods and services suppliers",
        "region": "Cajamarca",
        "summary_es": (
            "Cajamarca alberga operaciones como Yanacocha, Cerro Corona y "
            "Tantahuatay, pero la mayoría de proveedores locales se concentra "
            "en transporte, alimentación y limpieza, con poca participación en "
            "servicios técnicos de mayor valor. La desconfianza en torno al "
            "agua y la cercanía del cierre de minas obligan a repensar el "
            "modelo. La iniciativa busca que empresas cajamarquinas se "
            "homologuen, innoven y desarrollen servicios especializados "
            "—incluidos agua y remediación— exportables a otras regiones."
        ),
        "summary_en": (
            "Cajamarca hosts operations such as Yanacocha, Cerro Corona and "
            "Tantahuatay, yet most local suppliers are concentrated in "
            "transport, catering and cleaning, with little presence in "
            "higher-value technical services. Distrust around water and "
            "approaching mine closures call for a new model. The initiative "
            "aims to help Cajamarca firms become qualified, innovate and build "
            "specialised services — including water and remediation — that can "
            "be sold to other regions."
        ),
        "venues": [
            "Auditorio de la Cámara de Comercio y Producción de Cajamarca",
            "Auditorio de la Universidad Nacional de Cajamarca, Ciudad Universitaria",
            "Salón de actos de la Municipalidad Provincial de Hualgayoc, Bambamarca",
        ],
        "axes": [
            {"es": "Homologación y desarrollo de proveedores", "en": "Supplier qualification and development"},
            {"es": "Innovación y servicios especializados", "en": "Innovation and specialised services"},
            {"es": "Agua, ambiente y cierre de minas", "en": "Water, environment and mine closure"},
            {"es": "Talento y articulación territorial", "en": "Talent and territorial articulation"},
        ],
        "organisations": {
            "public": [
                "Ministerio de Energía y Minas (MINEM)",
                "Gobierno Regional de Cajamarca",
                "Dirección Regional de Energía y Minas de Cajamarca",
                "Programa ProInnóvate – PRODUCE",
                "Autoridad Nacional del Agua – AAA Marañón",
                "Organismo de Evaluación y Fiscalización Ambiental (OEFA)",
                "Activos Mineros S.A.C.",
                "Municipalidad Provincial de Cajamarca",
            ],
            "private": [
                "Minera Yanacocha S.R.L.",
                "Gold Fields La Cima S.A.",
                "Compañía Minera Coimolache S.A.",
                "Cámara de Comercio y Producción de Cajamarca",
                "Sociedad Nacional de Minería, Petróleo y Energía (SNMPE)",
                "Asociación de Proveedores Mineros de Cajamarca",
                "Asociación de Empresas Metalmecánicas de Cajamarca",
            ],
            "academic": [
                "Universidad Nacional de Cajamarca (UNC)",
                "Universidad Privada Antonio Guillermo Urrelo (UPAGU)",
                "Universidad Privada del Norte – sede Cajamarca",
                "Universidad Nacional Autónoma de Chota",
                "SENATI – Dirección Zonal Cajamarca",
                "TECSUP – sede Trujillo",
            ],
            "civil_society": [
                "Asociación Los Andes de Cajamarca (ALAC)",
                "CEDEPAS Norte",
                "GRUFIDES",
                "Central Única Regional de Rondas Campesinas de Cajamarca",
                "Mesa de Concertación para la Lucha contra la Pobreza – Cajamarca",
                "Junta de Usuarios del Distrito de Riego Cajamarca",
            ],
        },
        "items": [
            {
                "kind": "action_line",
                "title_es": "Programa regional de homologación de proveedores locales con estándares de seguridad y calidad",
                "title_en": "Regional qualification programme for local suppliers on safety and quality standards",
                "description_es": (
                    "Acompañamiento a pymes cajamarquinas para cerrar brechas en SST, ISO 9001 y gestión "
                    "financiera antes de la auditoría de homologación. El costo de la auditoría se cofinancia "
                    "entre las mineras participantes."
                ),
                "description_en": (
                    "Coaching for Cajamarca SMEs to close gaps in occupational safety, ISO 9001 and financial "
                    "management ahead of the qualification audit, whose cost is co-funded by participating mines."
                ),
                "axis": 0,
                "horizon": "short",
                "lead": "Cámara de Comercio y Producción de Cajamarca",
                "partners": "Minera Yanacocha, Gold Fields La Cima, SNMPE, PRODUCE",
                "indicator_es": "Nº de empresas locales homologadas (meta: 150 al 2025)",
                "indicator_en": "No. of qualified local companies (target: 150 by 2025)",
                "budget_pen": 2300000,
            },
            {
                "kind": "action_line",
                "title_es": "Registro único digital de proveedores locales y demanda anticipada de las mineras",
                "title_en": "Single digital registry of local suppliers and advance demand from mines",
                "description_es": (
                    "Plataforma donde las mineras publican sus requerimientos con seis meses de anticipación y "
                    "las empresas locales registran capacidades, certificaciones y experiencia verificada."
                ),
                "description_en": (
                    "A platform where mines publish their requirements six months ahead and local firms register "
                    "capabilities, certifications and verified track record."
                ),
                "axis": 0,
                "horizon": "short",
                "lead": "Cámara de Comercio y Producción de Cajamarca",
                "partners": "Gobierno Regional de Cajamarca, Compañía Minera Coimolache, UPAGU",
                "indicator_es": "% de compras de las mineras adjudicadas a proveedores locales (meta: 30 % al 2026)",
                "indicator_en": "% of mine purchases awarded to local suppliers (target: 30% by 2026)",
                "budget_pen": 750000,
            },
            {
                "kind": "action_line",
                "title_es": "Centro de servicios metalmecánicos para reparación de componentes de equipo pesado",
                "title_en": "Metalworking service centre for repairing heavy equipment components",
                "description_es": (
                    "Taller compartido con soldadura certificada, mecanizado CNC y recubrimientos duros para "
                    "reparar cucharones, tolvas y componentes que hoy se envían a Lima o Arequipa."
                ),
                "description_en": (
                    "A shared workshop with certified welding, CNC machining and hardfacing to repair buckets, "
                    "hoppers and components that are currently shipped to Lima or Arequipa."
                ),
                "axis": 1,
                "horizon": "medium",
                "lead": "SENATI – Dirección Zonal Cajamarca",
                "partners": "Asociación de Empresas Metalmecánicas de Cajamarca, Gold Fields La Cima, ProInnóvate",
                "indicator_es": "Componentes reparados localmente por año (meta: 1200 al 2027)",
                "indicator_en": "Components repaired locally per year (target: 1,200 by 2027)",
                "budget_pen": 7500000,
            },
            {
                "kind": "action_line",
                "title_es": "Retos de innovación abierta: problemas técnicos de las mineras resueltos por proveedores y universidades",
                "title_en": "Open innovation challenges: mines' technical problems solved by suppliers and universities",
                "description_es": (
                    "Convocatorias semestrales en las que las mineras plantean desafíos concretos (polvo en vías, "
                    "tratamiento de drenaje ácido, mantenimiento predictivo) y financian pilotos con equipos locales."
                ),
                "description_en": (
                    "Twice-yearly calls in which mines set concrete challenges (road dust, acid drainage treatment, "
                    "predictive maintenance) and fund pilots with local teams."
                ),
                "axis": 1,
                "horizon": "short",
                "lead": "Programa ProInnóvate – PRODUCE",
                "partners": "Minera Yanacocha, Gold Fields La Cima, UNC, UPAGU",
                "indicator_es": "Nº de retos con solución validada en operación (meta: 12 al 2024)",
                "indicator_en": "No. of challenges with a solution validated on site (target: 12 by 2024)",
                "budget_pen": 1800000,
            },
            {
                "kind": "action_line",
                "title_es": "Laboratorio acreditado de calidad de agua para el monitoreo participativo",
                "title_en": "Accredited water-quality laboratory for participatory monitoring",
                "description_es": (
                    "Laboratorio en la UNC acreditado ante INACAL para metales y parámetros fisicoquímicos, "
                    "operado con comités de monitoreo de rondas y juntas de usuarios. Da credibilidad local a "
                    "los resultados y crea un servicio técnico regional."
                ),
                "description_en": (
                    "An INACAL-accredited laboratory at UNC for metals and physicochemical parameters, run together "
                    "with monitoring committees of rondas and water user boards, giving local credibility to results."
                ),
                "axis": 2,
                "horizon": "medium",
                "lead": "Universidad Nacional de Cajamarca (UNC)",
                "partners": "ANA – AAA Marañón, OEFA, Central Única Regional de Rondas Campesinas, Junta de Usuarios",
                "indicator_es": "Parámetros acreditados ante INACAL (meta: 40 al 2025)",
                "indicator_en": "Parameters accredited by INACAL (target: 40 by 2025)",
                "budget_pen": 3200000,
            },
            {
                "kind": "action_line",
                "title_es": "Servicios locales de remediación de pasivos y revegetación con especies nativas",
                "title_en": "Local services for legacy-site remediation and revegetation with native species",
                "description_es": (
                    "Formación de empresas comunales que produzcan plantones de quinual y pastos nativos y "
                    "ejecuten coberturas y revegetación en pasivos mineros de Hualgayoc y en planes de cierre."
                ),
                "description_en": (
                    "Developing community enterprises that grow quinual seedlings and native grasses and carry out "
                    "capping and revegetation on Hualgayoc legacy sites and in closure plans."
                ),
                "axis": 2,
                "horizon": "long",
                "lead": "Activos Mineros S.A.C.",
                "partners": "Gobierno Regional de Cajamarca, UNC, Asociación Los Andes de Cajamarca",
                "indicator_es": "Hectáreas revegetadas por empresas locales (meta: 400 ha al 2028)",
                "indicator_en": "Hectares revegetated by local firms (target: 400 ha by 2028)",
                "budget_pen": 5400000,
            },
            {
                "kind": "action_line",
                "title_es": "Formación dual en mecatrónica, soldadura y operación de equipos para jóvenes de Hualgayoc y Celendín",
                "title_en": "Dual training in mechatronics, welding and equipment operation for youth from Hualgayoc and Celendín",
                "description_es": (
                    "Programa dual de dos años con prácticas en proveedores homologados, con becas para mujeres y "
                    "jóvenes de comunidades del área de influencia."
                ),
                "description_en": (
                    "Two-year dual programme with placements in qualified suppliers, with scholarships for women and "
                    "young people from communities in the area of influence."
                ),
                "axis": 3,
                "horizon": "short",
                "lead": "SENATI – Dirección Zonal Cajamarca",
                "partners": "Universidad Nacional Autónoma de Chota, Asociación de Proveedores Mineros, CEDEPAS Norte",
                "indicator_es": "Egresados empleados en la región a 6 meses (meta: 70 % de 300 al 2026)",
                "indicator_en": "Graduates employed in the region after 6 months (target: 70% of 300 by 2026)",
                "budget_pen": 2900000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Ordenanza regional de certificación única de proveedores reconocida por todas las mineras",
                "title_en": "Regional ordinance on a single supplier certification recognised by all mines",
                "description_es": (
                    "Establecer un estándar regional de homologación, con auditoría única válida para todas las "
                    "operaciones. Evita que una pyme pague tres auditorías distintas por el mismo servicio."
                ),
                "description_en": (
                    "Set a regional qualification standard with a single audit valid for every operation, so an SME "
                    "no longer pays three different audits for the same service."
                ),
                "axis": 0,
                "horizon": "short",
                "lead": "Gobierno Regional de Cajamarca",
                "partners": "Cámara de Comercio y Producción de Cajamarca, SNMPE, INACAL",
                "indicator_es": "Mineras que adoptan la certificación única (meta: 4 al 2024)",
                "indicator_en": "Mines adopting the single certification (target: 4 by 2024)",
                "budget_pen": 200000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Metas verificables de compras locales en los compromisos sociales de los estudios ambientales",
                "title_en": "Verifiable local-procurement targets in the social commitments of environmental studies",
                "description_es": (
                    "Incorporar metas cuantitativas de compra local, con reporte anual público, en los "
                    "compromisos sociales de los EIA y sus modificatorias aprobados por SENACE."
                ),
                "description_en": (
                    "Include quantitative local-procurement targets, with annual public reporting, in the social "
                    "commitments of environmental impact assessments and amendments approved by SENACE."
                ),
                "axis": 0,
                "horizon": "medium",
                "lead": "Ministerio de Energía y Minas (MINEM)",
                "partners": "SENACE, Gobierno Regional de Cajamarca, SNMPE",
                "indicator_es": "Nº de instrumentos ambientales con metas de compra local (meta: 6 al 2026)",
                "indicator_en": "No. of environmental instruments with local-procurement targets (target: 6 by 2026)",
                "budget_pen": 160000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Reglamentar el uso del canon minero universitario en I+D+i con proveedores locales",
                "title_en": "Regulate the use of university mining royalties for R&D&I with local suppliers",
                "description_es": (
                    "Permitir que las universidades públicas de Cajamarca usen su canon en proyectos de I+D+i "
                    "cofinanciados con empresas proveedoras, con reglas claras de propiedad intelectual."
                ),
                "description_en": (
                    "Allow Cajamarca's public universities to spend their royalty funds on R&D&I projects "
                    "co-funded with supplier companies, under clear intellectual property rules."
                ),
                "axis": 1,
                "horizon": "medium",
                "lead": "Ministerio de Economía y Finanzas (MEF)",
                "partners": "CONCYTEC, UNC, Universidad Nacional Autónoma de Chota",
                "indicator_es": "Canon universitario ejecutado en proyectos con empresas (meta: S/ 8 millones al 2026)",
                "indicator_en": "University royalties spent on projects with firms (target: PEN 8 million by 2026)",
                "budget_pen": 140000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Ampliar Obras por Impuestos a infraestructura tecnológica para proveedores",
                "title_en": "Extend Works for Taxes to technology infrastructure for suppliers",
                "description_es": (
                    "Incluir laboratorios, centros de formación técnica y talleres compartidos como tipologías "
                    "priorizadas de Obras por Impuestos en la cartera del Gobierno Regional."
                ),
                "description_en": (
                    "Add laboratories, technical training centres and shared workshops as priority project types "
                    "for Works for Taxes in the Regional Government's portfolio."
                ),
                "axis": 1,
                "horizon": "medium",
                "lead": "ProInversión",
                "partners": "MEF, Gobierno Regional de Cajamarca, Minera Yanacocha",
                "indicator_es": "Proyectos de infraestructura tecnológica financiados por OxI (meta: 3 al 2027)",
                "indicator_en": "Technology infrastructure projects funded through Works for Taxes (target: 3 by 2027)",
                "budget_pen": 110000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Protocolo regional de monitoreo participativo del agua con resultados públicos",
                "title_en": "Regional protocol for participatory water monitoring with public results",
                "description_es": (
                    "Norma que estandarice puntos, frecuencias y métodos de muestreo, obligue a publicar los "
                    "resultados en línea y los incorpore a la fiscalización de OEFA."
                ),
                "description_en": (
                    "A rule standardising sampling points, frequency and methods, requiring online publication of "
                    "results and feeding them into OEFA enforcement."
                ),
                "axis": 2,
                "horizon": "short",
                "lead": "Autoridad Nacional del Agua – AAA Marañón",
                "partners": "OEFA, Gobierno Regional de Cajamarca, GRUFIDES, Junta de Usuarios",
                "indicator_es": "Puntos de monitoreo con datos abiertos (meta: 60 al 2025)",
                "indicator_en": "Monitoring points with open data (target: 60 by 2025)",
                "budget_pen": 300000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Pago a proveedores mype en un plazo máximo de 30 días con factura negociable",
                "title_en": "Payment to micro and small suppliers within 30 days using negotiable invoices",
                "description_es": (
                    "Compromiso normativo para que las mineras y contratistas paguen a mypes locales en 30 días "
                    "y acepten la factura negociable, aliviando el capital de trabajo de proveedores."
                ),
                "description_en": (
                    "A regulatory commitment for mines and contractors to pay local micro and small firms within 30 "
                    "days and accept negotiable invoices, easing suppliers' working capital."
                ),
                "axis": 0,
                "horizon": "short",
                "lead": "PRODUCE",
                "partners": "SNMPE, Cámara de Comercio y Producción de Cajamarca, COFIDE",
                "indicator_es": "Plazo promedio de pago a mypes (meta: de 90 a 30 días al 2024)",
                "indicator_en": "Average payment term to small suppliers (target: from 90 to 30 days by 2024)",
                "budget_pen": 80000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Cuota de aprendices locales en contratos de proveedores y contratistas mineros",
                "title_en": "Local apprentice quota in mining supplier and contractor contracts",
                "description_es": (
                    "Exigir que los contratos mayores a un umbral incluyan un porcentaje de practicantes y "
                    "aprendices de la región, con seguimiento de la autoridad de trabajo."
                ),
                "description_en": (
                    "Require contracts above a threshold to include a share of interns and apprentices from the "
                    "region, monitored by the labour authority."
                ),
                "axis": 3,
                "horizon": "medium",
                "lead": "Ministerio de Trabajo y Promoción del Empleo (MTPE)",
                "partners": "Dirección Regional de Trabajo de Cajamarca, SENATI, SNMPE",
                "indicator_es": "Aprendices locales contratados por año (meta: 500 al 2026)",
                "indicator_en": "Local apprentices hired per year (target: 500 by 2026)",
                "budget_pen": 130000,
            },
        ],
        "comments_es": [
            "Cada minera tiene su propio formato de homologación; una pyme termina pagando tres auditorías distintas.",
            "En Hualgayoc solo hacemos transporte y alimentación; queremos entrar a mantenimiento, pero no hay dónde certificarnos.",
            "Sin confianza sobre el agua no habrá cadena de proveedores que aguante; el monitoreo tiene que ser participativo de verdad.",
            "La UNC tiene canon para investigar y no lo estamos aprovechando con las empresas.",
            "¿Qué pasa con los proveedores cuando Yanacocha entre en cierre? Hay que diversificar desde ahora.",
            "Nos pagan a 90 días y eso asfixia a cualquier pequeña empresa.",
            "Los retos de innovación abierta funcionan solo si las mineras publican sus problemas reales.",
            "Los jóvenes formados en SENATI se van a Lima o Arequipa; necesitamos empleo calificado aquí.",
            "Las rondas campesinas deben estar en la mesa desde el inicio, no solo como invitadas.",
            "Propongo que el registro de proveedores sea uno solo y lo administren la Cámara y el Gobierno Regional.",
            "¡Por fin se habla de revegetación con especies nativas como un negocio para la región!",
            "Cuidado con prometer metas de compra local que luego nadie fiscaliza.",
        ],
    },
    # ------------------------------------------------------------------
    # 3. Superfruits — Madre de Dios
    # ------------------------------------------------------------------
    {
        "slug": "superfruits",
        "name_es": "Superfrutas tropicales y subtropicales — Madre de Dios",
        "name_en": "Tropical and sub-tropical superfruits — Madre de Dios",
        "value_chain_es": "Superfrutas amazónicas (camu camu, aguaje, copoazú, huasaí)",
        "value_chain_en": "Amazonian superfruits (camu camu, aguaje, cupuaçu, açaí)",
        "region": "Madre de Dios",
        "summary_es": (
            "En Madre de Dios las superfrutas se cosechan de aguajales, "
            "cochas y sistemas agroforestales a lo largo de la Interoceánica, "
            "en un territorio presionado por la minería aurífera ilegal. La "
            "fruta es muy perecible, las distancias son largas y casi no hay "
            "cadena de frío ni capacidad de transformación local, por lo que "
            "gran parte de la cosecha se pierde o se vende sin valor agregado. "
            "La iniciativa apuesta por el manejo sostenible, el acopio con frío "
            "y la transformación en pulpa y polvo para mercados de biocomercio."
        ),
        "summary_en": (
            "In Madre de Dios superfruits are harvested from aguaje palm "
            "swamps, oxbow lakes and agroforestry plots along the Interoceanic "
            "Highway, in a territory under pressure from illegal gold mining. "
            "The fruit is highly perishable, distances are long and there is "
            "almost no cold chain or local processing, so much of the harvest "
            "is lost or sold without added value. The initiative focuses on "
            "sustainable management, cold-chain collection and processing into "
            "pulp and powder for biotrade markets."
        ),
        "venues": [
            "Auditorio de la Universidad Nacional Amazónica de Madre de Dios (UNAMAD), Puerto Maldonado",
            "Local comunal de la Asociación de Productores Agroforestales de Iberia, Tahuamanu",
            "Salón de sesiones del Gobierno Regional de Madre de Dios, Puerto Maldonado",
        ],
        "axes": [
            {"es": "Manejo sostenible y oferta productiva", "en": "Sustainable management and supply"},
            {"es": "Acopio, cadena de frío y transformación", "en": "Collection, cold chain and processing"},
            {"es": "Mercados de biocomercio", "en": "Biotrade markets"},
            {"es": "Investigación y valor agregado", "en": "Research and value added"},
        ],
        "organisations": {
            "public": [
                "Gobierno Regional de Madre de Dios",
                "Dirección Regional de Agricultura de Madre de Dios",
                "Servicio Nacional Forestal y de Fauna Silvestre (SERFOR)",
                "SERNANP – Reserva Nacional Tambopata",
                "ITP – CITE Productivo Madre de Dios",
                "Sierra y Selva Exportadora",
                "SENASA – Dirección Ejecutiva Madre de Dios",
                "Municipalidad Provincial de Tahuamanu",
            ],
            "private": [
                "Federación Agraria Departamental de Madre de Dios (FADEMAD)",
                "Asociación de Castañeros de la Reserva Tambopata Candamo (ASCART)",
                "Candela Perú",
                "Cámara de Comercio, Industria y Turismo de Madre de Dios",
                "Asociación de Productores de Copoazú de Iberia",
                "Frutos Amazónicos Madre de Dios S.A.C.",
            ],
            "academic": [
                "Universidad Nacional Amazónica de Madre de Dios (UNAMAD)",
                "Instituto de Investigaciones de la Amazonía Peruana (IIAP)",
                "Centro de Innovación Científica Amazónica (CINCIA)",
                "Universidad Andina del Cusco – filial Puerto Maldonado",
                "Universidad Nacional Agraria La Molina – Instituto de Biotecnología",
                "Universidad Nacional de San Antonio Abad del Cusco",
            ],
            "civil_society": [
                "Federación Nativa del Río Madre de Dios y Afluentes (FENAMAD)",
                "Conservación Amazónica (ACCA)",
                "WWF Perú – oficina Madre de Dios",
                "Asociación para la Investigación y Desarrollo Integral (AIDER)",
                "Mesa Técnica de Agroforestería de Madre de Dios",
                "Asociación de Mujeres Recolectoras de Aguaje de Las Piedras",
            ],
        },
        "items": [
            {
                "kind": "action_line",
                "title_es": "Planes de manejo de aguajales y camu camu silvestre con cosecha sin tala",
                "title_en": "Management plans for aguaje swamps and wild camu camu with harvesting without felling",
                "description_es": (
                    "Elaboración de planes de manejo comunales y entrenamiento en escalamiento con equipo de "
                    "seguridad para cosechar aguaje sin derribar la palmera hembra. Incluye inventarios y cuotas "
                    "de cosecha por cocha."
                ),
                "description_en": (
                    "Community management plans and training in climbing with safety gear to harvest aguaje without "
                    "felling female palms, including inventories and harvest quotas per oxbow lake."
                ),
                "axis": 0,
                "horizon": "medium",
                "lead": "Servicio Nacional Forestal y de Fauna Silvestre (SERFOR)",
                "partners": "IIAP, FENAMAD, Conservación Amazónica (ACCA), SERNANP",
                "indicator_es": "Hectáreas de aguajal con plan de manejo aprobado (meta: 5000 ha al 2026)",
                "indicator_en": "Hectares of aguaje swamp with an approved management plan (target: 5,000 ha by 2026)",
                "budget_pen": 1600000,
            },
            {
                "kind": "action_line",
                "title_es": "Sistemas agroforestales con camu camu, copoazú y cacao en áreas degradadas por minería",
                "title_en": "Agroforestry systems with camu camu, cupuaçu and cacao on land degraded by mining",
                "description_es": (
                    "Viveros certificados y parcelas demostrativas en el corredor minero de la Interoceánica, "
                    "con enmiendas de suelo y especies nativas. Ofrece una alternativa económica a familias que "
                    "dejan la minería."
                ),
                "description_en": (
                    "Certified nurseries and demonstration plots in the Interoceanic mining corridor, using soil "
                    "amendments and native species, offering an economic alternative to families leaving mining."
                ),
                "axis": 0,
                "horizon": "long",
                "lead": "Dirección Regional de Agricultura de Madre de Dios",
                "partners": "CINCIA, IIAP, FADEMAD, WWF Perú",
                "indicator_es": "Hectáreas restauradas con sistemas agroforestales (meta: 1200 ha al 2027)",
                "indicator_en": "Hectares restored with agroforestry systems (target: 1,200 ha by 2027)",
                "budget_pen": 4300000,
            },
            {
                "kind": "action_line",
                "title_es": "Red de centros de acopio con cadena de frío solar en Tambopata, Tahuamanu y Las Piedras",
                "title_en": "Network of solar-powered cold-chain collection centres in Tambopata, Tahuamanu and Las Piedras",
                "description_es": (
                    "Cámaras de congelamiento alimentadas con energía solar a menos de dos horas de las zonas de "
                    "cosecha, gestionadas por asociaciones. El camu camu y el aguaje se malogran en 48 horas sin frío."
                ),
                "description_en": (
                    "Solar-powered freezing rooms within two hours of harvest areas, run by producer associations. "
                    "Camu camu and aguaje spoil within 48 hours without refrigeration."
                ),
                "axis": 1,
                "horizon": "medium",
                "lead": "Gobierno Regional de Madre de Dios",
                "partners": "Sierra y Selva Exportadora, Municipalidad Provincial de Tahuamanu, FADEMAD",
                "indicator_es": "Pérdida poscosecha de fruta acopiada (meta: de 35 % a 10 % al 2026)",
                "indicator_en": "Post-harvest loss of collected fruit (target: from 35% to 10% by 2026)",
                "budget_pen": 6200000,
            },
            {
                "kind": "action_line",
                "title_es": "Planta piloto de despulpado, liofilización y atomización de superfrutas en Puerto Maldonado",
                "title_en": "Pilot plant for pulping, freeze-drying and spray-drying superfruits in Puerto Maldonado",
                "description_es": (
                    "Instalación en el CITE de una línea piloto para pulpa congelada y polvo de camu camu, aguaje "
                    "y copoazú, con servicio de maquila para asociaciones y emprendedores."
                ),
                "description_en": (
                    "A pilot line at the CITE for frozen pulp and powder from camu camu, aguaje and cupuaçu, offering "
                    "toll processing to associations and entrepreneurs."
                ),
                "axis": 1,
                "horizon": "long",
                "lead": "ITP – CITE Productivo Madre de Dios",
                "partners": "UNAMAD, Gobierno Regional de Madre de Dios, Frutos Amazónicos Madre de Dios S.A.C.",
                "indicator_es": "Toneladas de fruta procesadas por año (meta: 300 t al 2027)",
                "indicator_en": "Tonnes of fruit processed per year (target: 300 t by 2027)",
                "budget_pen": 9500000,
            },
            {
                "kind": "action_line",
                "title_es": "Buenas prácticas de manufactura e inocuidad para asociaciones recolectoras",
                "title_en": "Good manufacturing and food-safety practices for harvester associations",
                "description_es": (
                    "Asistencia técnica para implementar BPM, HACCP básico y obtener registro sanitario de pulpas, "
                    "requisito de los compradores de Lima y del exterior."
                ),
                "description_en": (
                    "Technical assistance to implement GMP and basic HACCP and to obtain health registration for pulps, "
                    "a requirement of buyers in Lima and abroad."
                ),
                "axis": 1,
                "horizon": "short",
                "lead": "ITP – CITE Productivo Madre de Dios",
                "partners": "SENASA, DIGESA, Asociación de Productores de Copoazú de Iberia",
                "indicator_es": "Asociaciones con registro sanitario vigente (meta: 12 al 2024)",
                "indicator_en": "Associations with a valid health registration (target: 12 by 2024)",
                "budget_pen": 540000,
            },
            {
                "kind": "action_line",
                "title_es": "Caracterización nutracéutica y fichas técnicas de vitamina C, antioxidantes y carotenoides",
                "title_en": "Nutraceutical profiling and technical sheets on vitamin C, antioxidants and carotenoids",
                "description_es": (
                    "Análisis de lotes por zona y temporada para elaborar fichas técnicas comerciales. Los "
                    "compradores piden datos estables de ácido ascórbico del camu camu y betacaroteno del aguaje."
                ),
                "description_en": (
                    "Testing batches by area and season to produce commercial technical sheets. Buyers demand stable "
                    "data on camu camu ascorbic acid and aguaje beta-carotene."
                ),
                "axis": 3,
                "horizon": "short",
                "lead": "Instituto de Investigaciones de la Amazonía Peruana (IIAP)",
                "partners": "UNALM – Instituto de Biotecnología, UNAMAD, CITE Productivo Madre de Dios",
                "indicator_es": "Fichas técnicas publicadas por producto (meta: 8 al 2024)",
                "indicator_en": "Technical sheets published per product (target: 8 by 2024)",
                "budget_pen": 780000,
            },
            {
                "kind": "action_line",
                "title_es": "Marca colectiva 'Superfrutas de Madre de Dios' y presencia en ferias de biocomercio",
                "title_en": "'Superfruits of Madre de Dios' collective brand and presence at biotrade fairs",
                "description_es": (
                    "Registro de una marca colectiva con criterios de sostenibilidad y participación agrupada en "
                    "Expoalimentaria y BioFach, apoyándose en los compradores que ya adquieren castaña."
                ),
                "description_en": (
                    "Registration of a collective brand with sustainability criteria and joint participation in "
                    "Expoalimentaria and BioFach, building on buyers who already purchase Brazil nuts."
                ),
                "axis": 2,
                "horizon": "short",
                "lead": "PROMPERÚ",
                "partners": "INDECOPI, Candela Perú, Cámara de Comercio, Industria y Turismo de Madre de Dios",
                "indicator_es": "Contratos comerciales firmados (meta: 15 al 2025)",
                "indicator_en": "Commercial contracts signed (target: 15 by 2025)",
                "budget_pen": 1100000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Permiso digital y simplificado para productos forestales diferentes a la madera",
                "title_en": "Simplified digital permit for non-timber forest products",
                "description_es": (
                    "Reducir requisitos y plazos del permiso de aprovechamiento de frutos silvestres para "
                    "asociaciones y comunidades, con trámite en línea y plan de manejo simplificado."
                ),
                "description_en": (
                    "Reduce requirements and lead times for wild-fruit harvesting permits for associations and "
                    "communities, with online processing and a simplified management plan."
                ),
                "axis": 0,
                "horizon": "short",
                "lead": "Servicio Nacional Forestal y de Fauna Silvestre (SERFOR)",
                "partners": "Gobierno Regional de Madre de Dios, FENAMAD, AIDER",
                "indicator_es": "Plazo promedio de aprobación del permiso (meta: de 180 a 45 días al 2025)",
                "indicator_en": "Average permit approval time (target: from 180 to 45 days by 2025)",
                "budget_pen": 350000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Ordenanza regional que prohíba la tala de palmeras de aguaje para la cosecha",
                "title_en": "Regional ordinance banning the felling of aguaje palms for harvesting",
                "description_es": (
                    "Prohibir el derribo de palmeras y exigir cosecha por escalamiento en el comercio regional de "
                    "aguaje, con control en mercados y puntos de acopio."
                ),
                "description_en": (
                    "Ban felling of palms and require climbing-based harvesting in the regional aguaje trade, "
                    "with controls at markets and collection points."
                ),
                "axis": 0,
                "horizon": "short",
                "lead": "Gobierno Regional de Madre de Dios",
                "partners": "SERFOR, Municipalidad Provincial de Tambopata, FENAMAD",
                "indicator_es": "% de aguaje comercializado con cosecha sin tala (meta: 70 % al 2025)",
                "indicator_en": "% of aguaje traded from non-felling harvests (target: 70% by 2025)",
                "budget_pen": 150000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Retribución por servicios ecosistémicos (MERESE) para familias que conservan bosques con frutales",
                "title_en": "Payments for ecosystem services (MERESE) for families conserving fruit-bearing forests",
                "description_es": (
                    "Diseñar un mecanismo MERESE financiado por empresas y fondos climáticos que retribuya a quienes "
                    "mantienen aguajales y bosques ribereños frente a la minería."
                ),
                "description_en": (
                    "Design a MERESE scheme funded by companies and climate funds that rewards those who keep aguaje "
                    "swamps and riverside forests standing against mining."
                ),
                "axis": 0,
                "horizon": "medium",
                "lead": "Ministerio del Ambiente (MINAM)",
                "partners": "Gobierno Regional de Madre de Dios, WWF Perú, Conservación Amazónica (ACCA)",
                "indicator_es": "Familias que reciben retribución (meta: 400 al 2026)",
                "indicator_en": "Families receiving payments (target: 400 by 2026)",
                "budget_pen": 2400000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Línea de crédito de Agrobanco para cadena de frío y capital de trabajo de recolectores",
                "title_en": "Agrobanco credit line for cold chain and harvesters' working capital",
                "description_es": (
                    "Producto financiero con periodo de gracia alineado a la estacionalidad de la cosecha y "
                    "garantía mobiliaria sobre equipos de frío y contratos de compra."
                ),
                "description_en": (
                    "A financial product with a grace period aligned to harvest seasonality and movable-asset "
                    "guarantees over cold-chain equipment and purchase contracts."
                ),
                "axis": 1,
                "horizon": "medium",
                "lead": "Ministerio de Desarrollo Agrario y Riego (MIDAGRI)",
                "partners": "Agrobanco, Sierra y Selva Exportadora, FADEMAD",
                "indicator_es": "Créditos desembolsados a asociaciones (meta: S/ 5 millones al 2026)",
                "indicator_en": "Loans disbursed to associations (target: PEN 5 million by 2026)",
                "budget_pen": 220000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Incluir pulpas de superfrutas amazónicas en las compras de Qali Warma en la Amazonía",
                "title_en": "Include Amazonian superfruit pulps in Qali Warma school-meal purchases in the Amazon",
                "description_es": (
                    "Adecuar las fichas técnicas de Qali Warma para aceptar pulpas y refrescos de camu camu y "
                    "aguaje de proveedores regionales en las raciones escolares de Madre de Dios."
                ),
                "description_en": (
                    "Adapt Qali Warma's technical specifications to accept camu camu and aguaje pulps and drinks from "
                    "regional suppliers in Madre de Dios school meals."
                ),
                "axis": 2,
                "horizon": "medium",
                "lead": "Ministerio de Desarrollo e Inclusión Social (MIDIS) – Qali Warma",
                "partners": "Gobierno Regional de Madre de Dios, CITE Productivo Madre de Dios, DIGESA",
                "indicator_es": "Raciones escolares con superfrutas regionales (meta: 2 millones al 2026)",
                "indicator_en": "School meals including regional superfruits (target: 2 million by 2026)",
                "budget_pen": 180000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Procedimiento ágil de acceso a recursos genéticos para I+D con superfrutas",
                "title_en": "Fast-track access to genetic resources for superfruit R&D",
                "description_es": (
                    "Crear una vía simplificada en el reglamento de acceso a recursos genéticos para proyectos de "
                    "universidades y empresas peruanas, con reparto de beneficios a comunidades proveedoras."
                ),
                "description_en": (
                    "Create a simplified track in the genetic-resources access regulation for projects by Peruvian "
                    "universities and firms, with benefit sharing for supplying communities."
                ),
                "axis": 3,
                "horizon": "medium",
                "lead": "Ministerio del Ambiente (MINAM)",
                "partners": "SERFOR, CONCYTEC, IIAP, FENAMAD",
                "indicator_es": "Contratos de acceso aprobados (meta: 10 al 2026)",
                "indicator_en": "Access contracts approved (target: 10 by 2026)",
                "budget_pen": 160000,
            },
        ],
        "comments_es": [
            "Al aguaje lo seguimos tumbando para cosechar; si no enseñamos a subir con equipo, en diez años no habrá aguajales cerca.",
            "Sin luz estable en Iberia no hay cadena de frío que funcione; la energía solar es la única salida.",
            "El camu camu se malogra en dos días, el acopio tiene que estar cerca de las chacras.",
            "Los compradores de Lima nos piden ficha técnica con vitamina C y no sabemos dónde hacer los análisis.",
            "La minería ilegal paga más en un día que una semana de cosecha. ¿Cómo competimos con eso?",
            "Las comunidades nativas queremos estar en las decisiones, no solo como proveedoras de fruta.",
            "El permiso para no maderables tarda meses; muchas asociaciones terminan vendiendo de manera informal.",
            "La castaña ya tiene compradores; aprovechemos esos contactos para la pulpa de copoazú.",
            "¡Muy buena la planta piloto! Pero que la gestionen los productores, no solo la universidad.",
            "Pregunta: ¿Qali Warma puede comprar pulpa congelada o solo productos secos?",
            "El copoazú de Tahuamanu tiene potencial, pero falta material genético mejorado.",
            "Sugiero que el MERESE empiece con las familias que ya conservan aguajales junto a la reserva.",
        ],
    },
    # ------------------------------------------------------------------
    # 4. Textile & apparel — Arequipa
    # ------------------------------------------------------------------
    {
        "slug": "textile-apparel",
        "name_es": "Textil y confecciones — Arequipa",
        "name_en": "Textile and apparel — Arequipa",
        "value_chain_es": "Fibra de alpaca, textiles y confecciones",
        "value_chain_en": "Alpaca fibre, textiles and apparel",
        "region": "Arequipa",
        "summary_es": (
            "Arequipa concentra el procesamiento industrial de fibra de alpaca "
            "del país —tops, hilados y tejidos— junto a un tejido de pymes "
            "confeccionistas y artesanas del Colca. La fibra llega de criadores "
            "altoandinos de Caylloma y Puno que reciben precios bajos y poco "
            "diferenciados por calidad, mientras las marcas compiten con "
            "sintéticos y mezclas importadas. La iniciativa busca una alpaca "
            "trazable desde el criador, con diseño arequipeño y procesos más "
            "limpios, capaz de capturar más valor en mercados premium."
        ),
        "summary_en": (
            "Arequipa concentrates the country's industrial processing of "
            "alpaca fibre — tops, yarns and fabrics — alongside a network of "
            "apparel SMEs and Colca artisans. Fibre comes from high-Andean "
            "herders in Caylloma and Puno who receive low prices barely linked "
            "to quality, while brands compete with synthetics and imported "
            "blends. The initiative aims at alpaca traceable from the herder, "
            "with Arequipa design and cleaner processes, able to capture more "
            "value in premium markets."
        ),
        "venues": [
            "Auditorio de la Cámara de Comercio e Industria de Arequipa",
            "Centro de Convenciones de la Universidad Nacional de San Agustín (UNSA), Arequipa",
            "Auditorio de la Municipalidad Provincial de Caylloma, Chivay",
        ],
        "axes": [
            {"es": "Calidad y trazabilidad de la fibra", "en": "Fibre quality and traceability"},
            {"es": "Diseño, moda y valor agregado", "en": "Design, fashion and value added"},
            {"es": "Productividad y producción limpia", "en": "Productivity and cleaner production"},
            {"es": "Mercados y marca", "en": "Markets and brand"},
        ],
        "organisations": {
            "public": [
                "Gobierno Regional de Arequipa",
                "Gerencia Regional de Agricultura de Arequipa",
                "ITP – CITE Textil Camélidos Arequipa",
                "INIA – Programa Nacional de Innovación en Camélidos",
                "PRODUCE",
                "PROMPERÚ",
                "Agro Rural – MIDAGRI",
                "Municipalidad Provincial de Caylloma",
            ],
            "private": [
                "Cámara de Comercio e Industria de Arequipa",
                "Grupo Michell",
                "Grupo Inca – Incalpaca TPX",
                "Prosur S.A.",
                "Asociación Internacional de la Alpaca (AIA)",
                "Pacomarca – fundo experimental",
                "Consorcio de Confeccionistas Moda Arequipa",
            ],
            "academic": [
                "Universidad Nacional de San Agustín de Arequipa (UNSA)",
                "Universidad Católica de Santa María (UCSM)",
                "Universidad Católica San Pablo",
                "TECSUP – sede Arequipa",
                "SENATI – Dirección Zonal Arequipa–Puno",
                "Universidad Tecnológica del Perú – sede Arequipa",
            ],
            "civil_society": [
                "Centro de Estudios y Promoción del Desarrollo – Desco Sur",
                "Sociedad Peruana de Criadores de Alpacas y Llamas – filial Arequipa",
                "Asociación de Criadores de Alpacas de Caylloma",
                "Asociación de Artesanas Textiles del Valle del Colca",
                "Asociación de Diseñadores de Moda de Arequipa",
                "CARE Perú – oficina Arequipa",
            ],
        },
        "items": [
            {
                "kind": "action_line",
                "title_es": "Trazabilidad de fibra de alpaca desde el criador hasta la prenda, por lote y esquila",
                "title_en": "Alpaca fibre traceability from herder to garment, by batch and shearing",
                "description_es": (
                    "Registro digital del criador, la esquila, la clasificación y el lote industrial, vinculado a "
                    "la etiqueta de la prenda. Responde a compradores europeos que exigen origen y bienestar animal."
                ),
                "description_en": (
                    "Digital record of herder, shearing, classification and industrial batch linked to the garment "
                    "label, answering European buyers who require origin and animal-welfare evidence."
                ),
                "axis": 0,
                "horizon": "medium",
                "lead": "ITP – CITE Textil Camélidos Arequipa",
                "partners": "Asociación Internacional de la Alpaca, Grupo Michell, Desco Sur",
                "indicator_es": "Kg de fibra con trazabilidad completa (meta: 300 000 kg al 2026)",
                "indicator_en": "Kg of fibre with full traceability (target: 300,000 kg by 2026)",
                "budget_pen": 2700000,
            },
            {
                "kind": "action_line",
                "title_es": "Centros comunales de acopio y clasificación de fibra por finura en Caylloma",
                "title_en": "Community centres for collecting and grading fibre by fineness in Caylloma",
                "description_es": (
                    "Centros equipados y clasificadoras capacitadas según la NTP 231.301 para vender fibra "
                    "clasificada y no en vellón mezclado, con pago diferenciado por calidad."
                ),
                "description_en": (
                    "Equipped centres and trained graders following NTP 231.301 so herders sell graded fibre instead "
                    "of mixed fleece, with quality-differentiated payment."
                ),
                "axis": 0,
                "horizon": "short",
                "lead": "Gerencia Regional de Agricultura de Arequipa",
                "partners": "Municipalidad Provincial de Caylloma, Agro Rural, Asociación de Criadores de Alpacas de Caylloma",
                "indicator_es": "% de fibra regional vendida clasificada (meta: 45 % al 2025)",
                "indicator_en": "% of regional fibre sold graded (target: 45% by 2025)",
                "budget_pen": 3100000,
            },
            {
                "kind": "action_line",
                "title_es": "Núcleos de reproductores de alta finura y mejoramiento genético de alpacas",
                "title_en": "High-fineness breeding nuclei and alpaca genetic improvement",
                "description_es": (
                    "Red de núcleos con machos evaluados por finura y densidad, rotación entre comunidades y "
                    "registros genealógicos. Se complementa con manejo de pastos y cobertizos contra heladas."
                ),
                "description_en": (
                    "A network of breeding nuclei with males evaluated for fineness and density, rotated among "
                    "communities with herd records, complemented by pasture management and frost shelters."
                ),
                "axis": 0,
                "horizon": "long",
                "lead": "INIA – Programa Nacional de Innovación en Camélidos",
                "partners": "Pacomarca, Sociedad Peruana de Criadores de Alpacas y Llamas, Agro Rural, UNSA",
                "indicator_es": "Finura media de la fibra en comunidades atendidas (meta: de 23,5 a 21,5 µm al 2030)",
                "indicator_en": "Average fibre diameter in assisted communities (target: from 23.5 to 21.5 µm by 2030)",
                "budget_pen": 4500000,
            },
            {
                "kind": "action_line",
                "title_es": "Arequipa Design Hub: centro de diseño, prototipado y tendencias para pymes y artesanas",
                "title_en": "Arequipa Design Hub: design, prototyping and trends centre for SMEs and artisans",
                "description_es": (
                    "Espacio con tejedoras rectilíneas, software de patronaje y biblioteca de materiales, con "
                    "residencias de diseñadores y colecciones cápsula desarrolladas con artesanas del Colca."
                ),
                "description_en": (
                    "A space with flat knitting machines, pattern-making software and a materials library, hosting "
                    "designer residencies and capsule collections developed with Colca artisans."
                ),
                "axis": 1,
                "horizon": "medium",
                "lead": "Cámara de Comercio e Industria de Arequipa",
                "partners": "UCSM, UNSA, CITE Textil Camélidos Arequipa, Asociación de Diseñadores de Moda de Arequipa",
                "indicator_es": "Colecciones lanzadas por pymes usuarias (meta: 40 al 2026)",
                "indicator_en": "Collections launched by user SMEs (target: 40 by 2026)",
                "budget_pen": 5800000,
            },
            {
                "kind": "action_line",
                "title_es": "Escuela de tejido técnico y confección para mujeres artesanas y jóvenes del Colca",
                "title_en": "Technical knitting and tailoring school for women artisans and youth from the Colca",
                "description_es": (
                    "Formación en control de calidad, acabados, tallaje y costos para que los talleres del Colca "
                    "puedan atender pedidos de marcas y no solo la venta directa al turista."
                ),
                "description_en": (
                    "Training in quality control, finishing, sizing and costing so Colca workshops can serve brand "
                    "orders rather than only direct sales to tourists."
                ),
                "axis": 1,
                "horizon": "short",
                "lead": "Municipalidad Provincial de Caylloma",
                "partners": "SENATI, Asociación de Artesanas Textiles del Valle del Colca, CARE Perú",
                "indicator_es": "Artesanas con pedidos de marcas (meta: 250 al 2025)",
                "indicator_en": "Artisans with brand orders (target: 250 by 2025)",
                "budget_pen": 900000,
            },
            {
                "kind": "action_line",
                "title_es": "Producción más limpia en lavado y teñido: reducción de agua y energía en plantas textiles",
                "title_en": "Cleaner production in scouring and dyeing: cutting water and energy use in textile plants",
                "description_es": (
                    "Diagnósticos y cofinanciamiento de recirculación de agua, recuperación de lanolina y "
                    "calderas eficientes en plantas del Parque Industrial, considerando la presión sobre el río Chili."
                ),
                "description_en": (
                    "Audits and co-funding for water recirculation, lanolin recovery and efficient boilers in plants "
                    "of the Industrial Park, given the pressure on the Chili river."
                ),
                "axis": 2,
                "horizon": "medium",
                "lead": "ITP – CITE Textil Camélidos Arequipa",
                "partners": "UNSA, Grupo Inca, Prosur S.A., TECSUP",
                "indicator_es": "Reducción del consumo de agua por kg de fibra lavada (meta: 25 % al 2026)",
                "indicator_en": "Reduction in water use per kg of scoured fibre (target: 25% by 2026)",
                "budget_pen": 2200000,
            },
            {
                "kind": "action_line",
                "title_es": "Marca sectorial de alpaca arequipeña con vitrina en Alpaca Fiesta y Perú Moda",
                "title_en": "Arequipa alpaca sector brand showcased at Alpaca Fiesta and Perú Moda",
                "description_es": (
                    "Desarrollo de una marca sectorial con reglas de uso ligadas a la trazabilidad y stands "
                    "conjuntos para pymes en Alpaca Fiesta y Perú Moda, con agenda de compradores internacionales."
                ),
                "description_en": (
                    "A sector brand with usage rules tied to traceability and joint SME stands at Alpaca Fiesta and "
                    "Perú Moda, with meetings scheduled with international buyers."
                ),
                "axis": 3,
                "horizon": "short",
                "lead": "PROMPERÚ",
                "partners": "Asociación Internacional de la Alpaca, Cámara de Comercio e Industria de Arequipa",
                "indicator_es": "Exportaciones de pymes participantes (meta: USD 6 millones al 2025)",
                "indicator_en": "Exports by participating SMEs (target: USD 6 million by 2025)",
                "budget_pen": 1400000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Actualizar la NTP de fibra de alpaca clasificada y exigirla en las compras de intermediarios",
                "title_en": "Update the graded alpaca fibre standard and require it in intermediaries' purchases",
                "description_es": (
                    "Revisar la NTP 231.301 con mediciones objetivas de finura y hacer obligatoria la compra por "
                    "calidades en acopios que reciben apoyo público."
                ),
                "description_en": (
                    "Revise NTP 231.301 with objective fineness measurements and make grade-based purchasing "
                    "mandatory at collection points receiving public support."
                ),
                "axis": 0,
                "horizon": "medium",
                "lead": "Instituto Nacional de Calidad (INACAL)",
                "partners": "PRODUCE, MIDAGRI, CITE Textil Camélidos Arequipa",
                "indicator_es": "Acopios públicos que compran por calidades (meta: 100 % al 2025)",
                "indicator_en": "Public collection points buying by grade (target: 100% by 2025)",
                "budget_pen": 140000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Pago diferenciado por finura en los programas públicos de acopio de fibra",
                "title_en": "Fineness-based payment in public fibre collection programmes",
                "description_es": (
                    "Establecer que los programas de Agro Rural y del Gobierno Regional paguen primas por fibra "
                    "fina medida, para que el criador tenga incentivo a invertir en genética y manejo."
                ),
                "description_en": (
                    "Require Agro Rural and Regional Government programmes to pay premiums for measured fine fibre, "
                    "giving herders an incentive to invest in genetics and husbandry."
                ),
                "axis": 0,
                "horizon": "short",
                "lead": "Ministerio de Desarrollo Agrario y Riego (MIDAGRI)",
                "partners": "Agro Rural, Gobierno Regional de Arequipa, Sociedad Peruana de Criadores de Alpacas y Llamas",
                "indicator_es": "Prima promedio pagada por fibra fina (meta: +20 % sobre vellón al 2025)",
                "indicator_en": "Average premium paid for fine fibre (target: +20% over fleece by 2025)",
                "budget_pen": 260000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Ordenanza de protección del diseño textil tradicional del Colca y marcas colectivas",
                "title_en": "Ordinance protecting Colca traditional textile design and collective marks",
                "description_es": (
                    "Reconocer la iconografía del bordado collagua y cabana como patrimonio regional y promover su "
                    "registro como marcas colectivas, evitando su copia industrial sin retribución."
                ),
                "description_en": (
                    "Recognise Collagua and Cabana embroidery iconography as regional heritage and promote its "
                    "registration as collective marks, preventing industrial copying without compensation."
                ),
                "axis": 1,
                "horizon": "short",
                "lead": "Gobierno Regional de Arequipa",
                "partners": "INDECOPI, Ministerio de Cultura, Asociación de Artesanas Textiles del Valle del Colca",
                "indicator_es": "Marcas colectivas registradas (meta: 5 al 2024)",
                "indicator_en": "Collective marks registered (target: 5 by 2024)",
                "budget_pen": 120000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Cuota para confecciones de fibras nacionales en compras estatales vía Compras a MYPErú",
                "title_en": "Quota for garments made from national fibres in state purchases via Compras a MYPErú",
                "description_es": (
                    "Exigir un porcentaje mínimo de prendas de alpaca y algodón peruano en uniformes y chompas "
                    "adquiridas por el Estado, priorizando a confeccionistas de regiones."
                ),
                "description_en": (
                    "Require a minimum share of Peruvian alpaca and cotton garments in uniforms and sweaters bought "
                    "by the state, prioritising regional apparel makers."
                ),
                "axis": 3,
                "horizon": "short",
                "lead": "PRODUCE",
                "partners": "Perú Compras, FONCODES, Gobierno Regional de Arequipa",
                "indicator_es": "Prendas adquiridas a mypes arequipeñas (meta: 150 000 al 2025)",
                "indicator_en": "Garments bought from Arequipa small firms (target: 150,000 by 2025)",
                "budget_pen": 200000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Drawback diferenciado para exportaciones textiles de alto valor agregado",
                "title_en": "Differentiated drawback for high value-added textile exports",
                "description_es": (
                    "Mantener la tasa general y añadir un tramo mayor para prendas terminadas de fibra de alpaca, "
                    "premiando la exportación de producto final frente a tops e hilados."
                ),
                "description_en": (
                    "Keep the general rate and add a higher band for finished alpaca garments, rewarding exports of "
                    "final products over tops and yarns."
                ),
                "axis": 3,
                "horizon": "medium",
                "lead": "Ministerio de Economía y Finanzas (MEF)",
                "partners": "MINCETUR, SUNAT, ADEX",
                "indicator_es": "Participación de prendas en exportaciones de alpaca (meta: de 18 % a 30 % al 2027)",
                "indicator_en": "Garments' share of alpaca exports (target: from 18% to 30% by 2027)",
                "budget_pen": 180000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Depreciación acelerada para maquinaria textil con tecnologías limpias",
                "title_en": "Accelerated depreciation for clean-technology textile machinery",
                "description_es": (
                    "Permitir depreciar en tres años equipos de lavado, teñido y tratamiento de efluentes que "
                    "reduzcan consumo de agua y energía, verificados por el CITE."
                ),
                "description_en": (
                    "Allow three-year depreciation of scouring, dyeing and effluent treatment equipment that cuts "
                    "water and energy use, verified by the CITE."
                ),
                "axis": 2,
                "horizon": "medium",
                "lead": "Ministerio de Economía y Finanzas (MEF)",
                "partners": "PRODUCE, ITP, Cámara de Comercio e Industria de Arequipa",
                "indicator_es": "Inversión en maquinaria limpia acogida (meta: S/ 40 millones al 2027)",
                "indicator_en": "Clean machinery investment using the incentive (target: PEN 40 million by 2027)",
                "budget_pen": 150000,
            },
        ],
        "comments_es": [
            "Al criador le pagan casi lo mismo por fibra de 20 micras que por la de 28; así nadie tiene incentivo para mejorar.",
            "El intermediario mezcla todo en el vellón y ahí se pierde la trazabilidad.",
            "Arequipa tiene diseñadores jóvenes muy buenos, pero terminan trabajando para marcas de Lima.",
            "El drawback ha sido clave para las pymes exportadoras; reducirlo sería un golpe muy duro.",
            "¿El design hub estará abierto a las artesanas del Colca o solo a empresas formales?",
            "Nuestras tejedoras de Chivay venden al turista a precios muy bajos; falta marca y etiqueta de origen.",
            "Hablemos del agua: el lavado de fibra consume muchísima y el río Chili ya está presionado.",
            "El mercado europeo pide certificación de bienestar animal; hay que adelantarse.",
            "Las grandes empresas pueden liderar la trazabilidad si el Gobierno Regional pone los centros de acopio.",
            "¡Muy buena idea usar Alpaca Fiesta como vitrina de la marca regional!",
            "Las heladas y la falta de pastos también afectan la calidad de la fibra; no todo es genética.",
            "Propongo que las compras estatales de uniformes incluyan una cuota para confeccionistas de Arequipa.",
        ],
    },
    # ------------------------------------------------------------------
    # 5. Andean grains — Ayacucho
    # ------------------------------------------------------------------
    {
        "slug": "andean-grains",
        "name_es": "Granos andinos — Ayacucho",
        "name_en": "Andean grains — Ayacucho",
        "value_chain_es": "Granos andinos (quinua, kiwicha, tarwi)",
        "value_chain_en": "Andean grains (quinoa, amaranth, tarwi)",
        "region": "Ayacucho",
        "summary_es": (
            "Ayacucho es uno de los principales productores de quinua del país "
            "y cultiva kiwicha y tarwi en los valles interandinos de Huamanga, "
            "Cangallo, Vilcas Huamán, Huanta y Lucanas, sobre todo en pequeñas "
            "parcelas familiares. Tras la caída de precios posterior al boom de "
            "2014, la cadena enfrenta bajos rendimientos, plagas como la polilla "
            "de la quinua, poca semilla certificada y escasa transformación "
            "local. La iniciativa apunta a una oferta certificada y procesada "
            "en la región, con mercados estables públicos y de exportación."
        ),
        "summary_en": (
            "Ayacucho is one of Peru's leading quinoa producers and also grows "
            "amaranth and tarwi in the inter-Andean valleys of Huamanga, "
            "Cangallo, Vilcas Huamán, Huanta and Lucanas, mostly on small family "
            "plots. After the price slump that followed the 2014 boom, the chain "
            "faces low yields, pests such as the quinoa moth, little certified "
            "seed and limited local processing. The initiative aims at a "
            "certified supply processed in the region, with stable public and "
            "export markets."
        ),
        "venues": [
            "Auditorio de la Cámara de Comercio de Ayacucho, Huamanga",
            "Auditorio de la Universidad Nacional de San Cristóbal de Huamanga (UNSCH), Ayacucho",
            "Salón consistorial de la Municipalidad Provincial de Vilcas Huamán",
        ],
        "axes": [
            {"es": "Calidad y certificación", "en": "Quality and certification"},
            {"es": "Semillas y productividad", "en": "Seed and productivity"},
            {"es": "Transformación y valor agregado", "en": "Processing and value added"},
            {"es": "Mercados y consumo", "en": "Markets and consumption"},
        ],
        "organisations": {
            "public": [
                "Gobierno Regional de Ayacucho",
                "Dirección Regional Agraria de Ayacucho",
                "INIA – Estación Experimental Agraria Canaán",
                "SENASA – Dirección Ejecutiva Ayacucho",
                "Sierra y Selva Exportadora",
                "Agro Rural – Dirección Zonal Ayacucho",
                "Programa Nacional de Alimentación Escolar Qali Warma – Unidad Territorial Ayacucho",
                "Municipalidad Provincial de Huamanga",
            ],
            "private": [
                "Cámara de Comercio de Ayacucho",
                "Cooperativa Agraria de Productores de Quinua de Vilcas Huamán",
                "Asociación de Productores Agropecuarios de Cangallo",
                "Asociación de Exportadores (ADEX) – Comité de Granos Andinos",
                "Procesadora Andina Ayacucho S.A.C.",
                "Asociación de Productores de Tarwi de Huanta",
            ],
            "academic": [
                "Universidad Nacional de San Cristóbal de Huamanga (UNSCH)",
                "Universidad Nacional Agraria La Molina – Programa de Cereales y Granos Nativos",
                "Universidad Nacional Autónoma de Huanta",
                "Universidad Católica Los Ángeles de Chimbote – filial Ayacucho",
                "Instituto de Educación Superior Tecnológico Público Vilcas Huamán",
                "Instituto de Investigación Nutricional (IIN)",
            ],
            "civil_society": [
                "Asociación Nacional de Productores Ecológicos del Perú (ANPE) – base Ayacucho",
                "Centro de Desarrollo Agropecuario (CEDAP)",
                "Federación Agraria Departamental de Ayacucho (FADA)",
                "CARE Perú – oficina Ayacucho",
                "Mesa de Concertación para la Lucha contra la Pobreza – Ayacucho",
                "Asociación de Mujeres Productoras de Huanta",
            ],
        },
        "items": [
            {
                "kind": "action_line",
                "title_es": "Certificación orgánica grupal y Sistema de Garantía Participativo para 30 asociaciones quinueras",
                "title_en": "Group organic certification and Participatory Guarantee System for 30 quinoa associations",
                "description_es": (
                    "Implementación de sistemas internos de control, cuadernos de campo y auditorías cruzadas entre "
                    "asociaciones. El SGP abre el mercado nacional y la certificación grupal, el de exportación."
                ),
                "description_en": (
                    "Internal control systems, field logbooks and cross-audits between associations. The PGS opens the "
                    "domestic market and group certification the export market."
                ),
                "axis": 0,
                "horizon": "short",
                "lead": "Dirección Regional Agraria de Ayacucho",
                "partners": "ANPE, SENASA, CEDAP, Cooperativa Agraria de Productores de Quinua de Vilcas Huamán",
                "indicator_es": "Nº de productores certificados (meta: 400 al 2025)",
                "indicator_en": "No. of certified producers (target: 400 by 2025)",
                "budget_pen": 1200000,
            },
            {
                "kind": "action_line",
                "title_es": "Producción de semilla certificada de quinua, kiwicha y tarwi con semilleristas locales",
                "title_en": "Certified quinoa, amaranth and tarwi seed production with local seed growers",
                "description_es": (
                    "Multiplicación de variedades como Salcedo INIA, INIA 415 Pasankalla, kiwicha Centenario y "
                    "tarwi Andenes mediante semilleristas comunales supervisados por INIA."
                ),
                "description_en": (
                    "Multiplying varieties such as Salcedo INIA, INIA 415 Pasankalla, Centenario amaranth and Andenes "
                    "tarwi through community seed growers supervised by INIA."
                ),
                "axis": 1,
                "horizon": "medium",
                "lead": "INIA – Estación Experimental Agraria Canaán",
                "partners": "UNALM – Programa de Cereales y Granos Nativos, UNSCH, Agro Rural",
                "indicator_es": "Toneladas de semilla certificada distribuida (meta: 120 t al 2026)",
                "indicator_en": "Tonnes of certified seed distributed (target: 120 t by 2026)",
                "budget_pen": 2800000,
            },
            {
                "kind": "action_line",
                "title_es": "Manejo integrado de la polilla de la quinua y el mildiu con control biológico",
                "title_en": "Integrated management of quinoa moth and downy mildew with biological control",
                "description_es": (
                    "Escuelas de campo con trampas de feromona para Eurysacca, bioinsumos y alertas tempranas por "
                    "mensaje de texto. Reduce pérdidas y el uso de insecticidas incompatible con la certificación."
                ),
                "description_en": (
                    "Farmer field schools with pheromone traps for Eurysacca, bio-inputs and text-message early "
                    "warnings, cutting losses and insecticide use that is incompatible with certification."
                ),
                "axis": 1,
                "horizon": "short",
                "lead": "SENASA – Dirección Ejecutiva Ayacucho",
                "partners": "INIA – EEA Canaán, UNSCH, CEDAP",
                "indicator_es": "Pérdida de cosecha por plagas en parcelas atendidas (meta: de 30 % a 12 % al 2025)",
                "indicator_en": "Harvest loss to pests in assisted plots (target: from 30% to 12% by 2025)",
                "budget_pen": 900000,
            },
            {
                "kind": "action_line",
                "title_es": "Centros comunales de poscosecha con trilladoras, escarificadoras y seleccionadoras",
                "title_en": "Community post-harvest centres with threshers, scarifiers and sorters",
                "description_es": (
                    "Centros equipados en Vilcas Huamán, Cangallo y Huanta para trillar, desaponificar y "
                    "seleccionar grano con estándar comercial, aliviando el trabajo manual que recae en las mujeres."
                ),
                "description_en": (
                    "Equipped centres in Vilcas Huamán, Cangallo and Huanta to thresh, remove saponins and sort grain "
                    "to commercial standard, easing manual work that falls mostly on women."
                ),
                "axis": 2,
                "horizon": "medium",
                "lead": "Agro Rural – Dirección Zonal Ayacucho",
                "partners": "Gobierno Regional de Ayacucho, Asociación de Mujeres Productoras de Huanta, FADA",
                "indicator_es": "Toneladas de grano procesado en centros comunales (meta: 2500 t al 2026)",
                "indicator_en": "Tonnes of grain processed in community centres (target: 2,500 t by 2026)",
                "budget_pen": 3900000,
            },
            {
                "kind": "action_line",
                "title_es": "Planta regional de desamargado de tarwi y elaboración de hojuelas, harinas y expandidos",
                "title_en": "Regional plant for tarwi debittering and production of flakes, flours and puffed snacks",
                "description_es": (
                    "Planta con desamargado acuoso controlado y tratamiento de efluentes, reemplazando el "
                    "desamargado en ríos. Incluye una línea de extrusión para productos de quinua y kiwicha."
                ),
                "description_en": (
                    "A plant with controlled water debittering and effluent treatment, replacing debittering in "
                    "rivers, plus an extrusion line for quinoa and amaranth products."
                ),
                "axis": 2,
                "horizon": "long",
                "lead": "Gobierno Regional de Ayacucho",
                "partners": "UNSCH, Procesadora Andina Ayacucho S.A.C., Asociación de Productores de Tarwi de Huanta",
                "indicator_es": "Ventas de productos procesados en la región (meta: S/ 6 millones anuales al 2027)",
                "indicator_en": "Sales of products processed in the region (target: PEN 6 million a year by 2027)",
                "budget_pen": 6500000,
            },
            {
                "kind": "action_line",
                "title_es": "Contratos de compra anticipada con exportadores y mesa de negocios anual",
                "title_en": "Forward purchase contracts with exporters and an annual business roundtable",
                "description_es": (
                    "Mesa de negocios antes de la siembra para pactar volúmenes, calidades y precios mínimos con "
                    "exportadores, reduciendo la incertidumbre que dejó la caída de precios."
                ),
                "description_en": (
                    "A pre-planting business roundtable to agree volumes, grades and minimum prices with exporters, "
                    "reducing the uncertainty left by the price slump."
                ),
                "axis": 3,
                "horizon": "short",
                "lead": "Sierra y Selva Exportadora",
                "partners": "ADEX – Comité de Granos Andinos, Cámara de Comercio de Ayacucho, FADA",
                "indicator_es": "Toneladas comprometidas en contratos anticipados (meta: 1800 t al 2025)",
                "indicator_en": "Tonnes committed in forward contracts (target: 1,800 t by 2025)",
                "budget_pen": 650000,
            },
            {
                "kind": "action_line",
                "title_es": "Campaña 'Ayacucho Nutre': granos andinos en escuelas, comedores y ollas comunes",
                "title_en": "'Ayacucho Nutre' campaign: Andean grains in schools, canteens and community kitchens",
                "description_es": (
                    "Recetarios, demostraciones y compras locales para aumentar el consumo de quinua, kiwicha y "
                    "tarwi, frente a la anemia infantil que en la región supera el promedio nacional."
                ),
                "description_en": (
                    "Recipe books, cooking demonstrations and local purchasing to raise consumption of quinoa, amaranth "
                    "and tarwi, addressing child anaemia rates above the national average."
                ),
                "axis": 3,
                "horizon": "short",
                "lead": "Municipalidad Provincial de Huamanga",
                "partners": "Qali Warma, Instituto de Investigación Nutricional, Mesa de Concertación – Ayacucho",
                "indicator_es": "Consumo per cápita de granos andinos en hogares atendidos (meta: +50 % al 2025)",
                "indicator_en": "Per capita Andean grain consumption in reached households (target: +50% by 2025)",
                "budget_pen": 520000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Reconocer el Sistema de Garantía Participativo como certificación válida en compras públicas",
                "title_en": "Recognise the Participatory Guarantee System as valid certification in public procurement",
                "description_es": (
                    "Modificar el reglamento de producción orgánica para que los productos con SGP puedan acreditarse "
                    "como ecológicos en programas sociales y mercados nacionales."
                ),
                "description_en": (
                    "Amend the organic production regulation so PGS products can be accredited as organic in social "
                    "programmes and domestic markets."
                ),
                "axis": 0,
                "horizon": "medium",
                "lead": "Ministerio de Desarrollo Agrario y Riego (MIDAGRI)",
                "partners": "SENASA, ANPE, Consejo Nacional de Producción Orgánica",
                "indicator_es": "Productores con SGP que venden al Estado (meta: 1000 al 2026)",
                "indicator_en": "PGS producers selling to the state (target: 1,000 by 2026)",
                "budget_pen": 130000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Norma técnica para tarwi desamargado con límites de alcaloides",
                "title_en": "Technical standard for debittered tarwi with alkaloid limits",
                "description_es": (
                    "Aprobar una NTP que fije límites de alcaloides, humedad y requisitos microbiológicos para tarwi "
                    "desamargado y sus derivados, condición para vender a programas sociales y exportar."
                ),
                "description_en": (
                    "Approve a Peruvian technical standard setting alkaloid, moisture and microbiological limits for "
                    "debittered tarwi and derivatives, a precondition for social programmes and exports."
                ),
                "axis": 0,
                "horizon": "short",
                "lead": "Instituto Nacional de Calidad (INACAL)",
                "partners": "UNSCH, DIGESA, UNALM",
                "indicator_es": "NTP aprobada y lotes analizados conforme (meta: 200 lotes al 2025)",
                "indicator_en": "Standard approved and compliant batches tested (target: 200 batches by 2025)",
                "budget_pen": 110000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Ordenanza regional de conservación de variedades nativas de quinua, kiwicha y tarwi",
                "title_en": "Regional ordinance on conserving native quinoa, amaranth and tarwi varieties",
                "description_es": (
                    "Declarar de interés regional la agrobiodiversidad de granos andinos, reconocer a los "
                    "guardianes de semillas y crear ferias regionales de intercambio de semillas."
                ),
                "description_en": (
                    "Declare Andean grain agrobiodiversity of regional interest, recognise seed guardians and create "
                    "regional seed exchange fairs."
                ),
                "axis": 1,
                "horizon": "short",
                "lead": "Gobierno Regional de Ayacucho",
                "partners": "INIA, ANPE, UNSCH",
                "indicator_es": "Accesiones nativas conservadas en bancos comunales (meta: 300 al 2025)",
                "indicator_en": "Native accessions conserved in community banks (target: 300 by 2025)",
                "budget_pen": 180000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Ampliar el Seguro Agrario Catastrófico a heladas y sequías en granos andinos",
                "title_en": "Extend Catastrophic Agricultural Insurance to frost and drought in Andean grains",
                "description_es": (
                    "Incluir la quinua, la kiwicha y el tarwi con índices climáticos por distrito, para que el pago "
                    "llegue en semanas y no después de la siguiente campaña."
                ),
                "description_en": (
                    "Cover quinoa, amaranth and tarwi using district-level weather indices so payouts arrive within "
                    "weeks rather than after the next season."
                ),
                "axis": 1,
                "horizon": "medium",
                "lead": "Ministerio de Desarrollo Agrario y Riego (MIDAGRI)",
                "partners": "Gobierno Regional de Ayacucho, SENAMHI, FADA",
                "indicator_es": "Hectáreas de granos andinos aseguradas (meta: 15 000 ha al 2026)",
                "indicator_en": "Hectares of Andean grains insured (target: 15,000 ha by 2026)",
                "budget_pen": 1500000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Priorizar granos andinos en los fondos concursables PROCOMPITE del Gobierno Regional",
                "title_en": "Prioritise Andean grains in the Regional Government's PROCOMPITE competitive funds",
                "description_es": (
                    "Reservar un porcentaje del PROCOMPITE regional para planes de negocio de granos andinos con "
                    "transformación, con puntaje adicional para asociaciones con registro sanitario."
                ),
                "description_en": (
                    "Reserve a share of the regional PROCOMPITE fund for Andean grain business plans involving "
                    "processing, with extra points for associations holding a health registration."
                ),
                "axis": 2,
                "horizon": "short",
                "lead": "Gobierno Regional de Ayacucho",
                "partners": "PRODUCE, Municipalidad Provincial de Huamanga, Cámara de Comercio de Ayacucho",
                "indicator_es": "Planes de negocio de granos financiados (meta: 25 al 2025)",
                "indicator_en": "Grain business plans funded (target: 25 by 2025)",
                "budget_pen": 3000000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Cuota mínima de granos andinos regionales en las compras de Qali Warma",
                "title_en": "Minimum quota of regional Andean grains in Qali Warma purchases",
                "description_es": (
                    "Establecer que los comités de compra de la región adquieran al menos un 30 % de granos andinos "
                    "de productores ayacuchanos, con fichas técnicas adaptadas a hojuelas y harinas locales."
                ),
                "description_en": (
                    "Require regional purchasing committees to source at least 30% of Andean grains from Ayacucho "
                    "producers, with technical specs adapted to local flakes and flours."
                ),
                "axis": 3,
                "horizon": "medium",
                "lead": "Ministerio de Desarrollo e Inclusión Social (MIDIS) – Qali Warma",
                "partners": "Gobierno Regional de Ayacucho, Dirección Regional Agraria de Ayacucho",
                "indicator_es": "Toneladas compradas a productores de la región (meta: 900 t anuales al 2026)",
                "indicator_en": "Tonnes bought from regional producers (target: 900 t a year by 2026)",
                "budget_pen": 160000,
            },
        ],
        "comments_es": [
            "Después del boom de 2014 el precio de la quinua se cayó y muchos dejamos de sembrar; necesitamos contratos con precio conocido.",
            "La polilla nos hizo perder casi un tercio de la cosecha en Vilcas Huamán el año pasado.",
            "El tarwi tiene mucha demanda, pero desamargarlo en el río ya no es aceptable.",
            "¿La semilla certificada llegará a tiempo para la siembra de setiembre?",
            "El SGP es más barato que la certificación orgánica, pero los exportadores todavía no lo aceptan.",
            "Qali Warma compra quinua de otras regiones cuando aquí tenemos de sobra.",
            "Las mujeres hacemos la poscosecha a mano; una trilladora comunal nos cambiaría la vida.",
            "¡Qué bueno que la UNSCH participe! Sus laboratorios pueden ayudarnos con los análisis de saponina.",
            "No olvidemos la kiwicha: tiene buen precio y se adapta bien a los valles interandinos.",
            "Propongo que el PROCOMPITE priorice a asociaciones que ya tienen registro sanitario.",
            "Las heladas de este año golpearon Huanta y Cangallo, y el seguro agrario no llegó a todos.",
            "Hay que recuperar las variedades de color; afuera pagan más por la quinua negra y la roja.",
        ],
    },
    # ------------------------------------------------------------------
    # 6. Wood processing industry — Ucayali
    # ------------------------------------------------------------------
    {
        "slug": "wood-industry",
        "name_es": "Industria de la madera — Ucayali",
        "name_en": "Wood processing industry — Ucayali",
        "value_chain_es": "Transformación de la madera y productos forestales",
        "value_chain_en": "Timber processing and forest products",
        "region": "Ucayali",
        "summary_es": (
            "Pucallpa es uno de los mayores centros de aserrío del país, "
            "abastecido por concesiones forestales, comunidades nativas y "
            "plantaciones de especies de rápido crecimiento. La cadena arrastra "
            "problemas de tala ilegal, bajo rendimiento en la transformación "
            "primaria, trámites forestales lentos y poca venta de productos con "
            "valor agregado. La iniciativa busca una industria de madera legal, "
            "certificada y trazable, que pase del tablón aserrado a pisos, "
            "molduras y muebles, con plantaciones que alivien la presión sobre "
            "el bosque natural."
        ),
        "summary_en": (
            "Pucallpa is one of Peru's largest sawmilling hubs, supplied by "
            "forest concessions, indigenous communities and fast-growing "
            "plantations. The chain struggles with illegal logging, low yields "
            "in primary processing, slow forestry procedures and few value-added "
            "sales. The initiative seeks a legal, certified and traceable timber "
            "industry that moves from sawn boards to flooring, mouldings and "
            "furniture, with plantations that ease the pressure on natural forest."
        ),
        "venues": [
            "Auditorio del Gobierno Regional de Ucayali, Pucallpa",
            "Auditorio de la Universidad Nacional de Ucayali (UNU), Pucallpa",
            "Sala de capacitación del CITE Forestal Pucallpa, Yarinacocha",
        ],
        "axes": [
            {"es": "Legalidad, trazabilidad y certificación", "en": "Legality, traceability and certification"},
            {"es": "Transformación secundaria y productividad", "en": "Secondary processing and productivity"},
            {"es": "Plantaciones y manejo forestal", "en": "Plantations and forest management"},
            {"es": "Mercados y comercio", "en": "Markets and trade"},
        ],
        "organisations": {
            "public": [
                "Servicio Nacional Forestal y de Fauna Silvestre (SERFOR)",
                "Organismo de Supervisión de los Recursos Forestales y de Fauna Silvestre (OSINFOR)",
                "Gerencia Regional Forestal y de Fauna Silvestre de Ucayali",
                "Gobierno Regional de Ucayali",
                "ITP – CITE Forestal Pucallpa",
                "PROMPERÚ",
                "Municipalidad Provincial de Coronel Portillo",
            ],
            "private": [
                "Cámara Nacional Forestal (CNF)",
                "Cámara de Comercio, Industria y Turismo de Ucayali",
                "ADEX – Comité de Madera e Industrias de la Madera",
                "Consorcio Forestal Amazónico S.A.C.",
                "Reforestadora Amazónica S.A.",
                "Asociación de Industriales Madereros de Ucayali",
                "Asociación de Carpinteros y Ebanistas de Manantay",
            ],
            "academic": [
                "Universidad Nacional de Ucayali (UNU)",
                "Universidad Nacional Intercultural de la Amazonía (UNIA)",
                "Universidad Nacional Agraria La Molina – Facultad de Ciencias Forestales",
                "Instituto de Investigaciones de la Amazonía Peruana (IIAP) – sede Ucayali",
                "Universidad Nacional Agraria de la Selva, Tingo María",
                "Instituto de Educación Superior Tecnológico Público Suiza, Pucallpa",
            ],
            "civil_society": [
                "Asociación para la Investigación y Desarrollo Integral (AIDER)",
                "Federación de Comunidades Nativas del Ucayali y Afluentes (FECONAU)",
                "Organización Regional AIDESEP Ucayali (ORAU)",
                "WWF Perú",
                "FSC Perú",
                "Derecho, Ambiente y Recursos Naturales (DAR)",
            ],
        },
        "items": [
            {
                "kind": "action_line",
                "title_es": "Certificación FSC grupal para concesiones medianas y comunidades nativas",
                "title_en": "Group FSC certification for mid-sized concessions and indigenous communities",
                "description_es": (
                    "Un administrador de grupo asume los costos de auditoría y el sistema de gestión, permitiendo que "
                    "comunidades y concesiones pequeñas accedan a la certificación y a sus primas de precio."
                ),
                "description_en": (
                    "A group manager takes on audit costs and the management system so communities and small "
                    "concessions can access certification and its price premiums."
                ),
                "axis": 0,
                "horizon": "medium",
                "lead": "Gerencia Regional Forestal y de Fauna Silvestre de Ucayali",
                "partners": "FSC Perú, AIDER, WWF Perú, FECONAU",
                "indicator_es": "Hectáreas con certificación FSC (meta: 250 000 ha al 2026)",
                "indicator_en": "Hectares under FSC certification (target: 250,000 ha by 2026)",
                "budget_pen": 3400000,
            },
            {
                "kind": "action_line",
                "title_es": "Laboratorio de identificación anatómica de maderas para control y exportación",
                "title_en": "Wood anatomy identification laboratory for enforcement and export",
                "description_es": (
                    "Laboratorio con xiloteca de referencia e identificación por imagen para verificar especies en "
                    "puntos de control y emitir informes que exigen los importadores."
                ),
                "description_en": (
                    "A laboratory with a reference xylarium and image-based identification to verify species at "
                    "checkpoints and issue the reports importers require."
                ),
                "axis": 0,
                "horizon": "short",
                "lead": "Universidad Nacional de Ucayali (UNU)",
                "partners": "OSINFOR, SERFOR, UNALM – Facultad de Ciencias Forestales",
                "indicator_es": "Muestras identificadas por año (meta: 3000 al 2025)",
                "indicator_en": "Samples identified per year (target: 3,000 by 2025)",
                "budget_pen": 1300000,
            },
            {
                "kind": "action_line",
                "title_es": "Modernización del aserrío con sierras de cinta de corte fino y secado técnico",
                "title_en": "Sawmill upgrading with thin-kerf band saws and kiln drying",
                "description_es": (
                    "Cofinanciamiento de sierras de cinta, afilado profesional y secadores solares o "
                    "convencionales. Hoy gran parte del aserrío pierde más de la mitad del volumen de la troza."
                ),
                "description_en": (
                    "Co-funding of band saws, professional saw-doctoring and solar or conventional kilns. Many "
                    "sawmills currently lose over half of the log volume."
                ),
                "axis": 1,
                "horizon": "medium",
                "lead": "ITP – CITE Forestal Pucallpa",
                "partners": "Asociación de Industriales Madereros de Ucayali, PRODUCE, UNU",
                "indicator_es": "Rendimiento promedio de aserrío (meta: de 45 % a 55 % al 2026)",
                "indicator_en": "Average sawmill yield (target: from 45% to 55% by 2026)",
                "budget_pen": 5600000,
            },
            {
                "kind": "action_line",
                "title_es": "Clúster de transformación secundaria: pisos, decks, molduras y muebles en Pucallpa",
                "title_en": "Secondary processing cluster: flooring, decking, mouldings and furniture in Pucallpa",
                "description_es": (
                    "Naves industriales con servicios compartidos de cepillado, moldurado, acabado y diseño, "
                    "conectadas a talleres de carpintería de Manantay y Yarinacocha."
                ),
                "description_en": (
                    "Industrial sheds with shared planing, moulding, finishing and design services, connected to "
                    "carpentry workshops in Manantay and Yarinacocha."
                ),
                "axis": 1,
                "horizon": "long",
                "lead": "Gobierno Regional de Ucayali",
                "partners": "CITE Forestal Pucallpa, Cámara de Comercio, Industria y Turismo de Ucayali, Asociación de Carpinteros y Ebanistas de Manantay",
                "indicator_es": "% de exportaciones regionales con transformación secundaria (meta: de 20 % a 45 % al 2028)",
                "indicator_en": "% of regional exports with secondary processing (target: from 20% to 45% by 2028)",
                "budget_pen": 12000000,
            },
            {
                "kind": "action_line",
                "title_es": "Aprovechamiento de residuos de aserrío en briquetas, carbón y tableros",
                "title_en": "Using sawmill residues for briquettes, charcoal and boards",
                "description_es": (
                    "Pilotos de briquetado y tableros aglomerados con aserrín y costaneras que hoy se queman en la "
                    "ribera del Ucayali, generando ingresos y reduciendo humo en la ciudad."
                ),
                "description_en": (
                    "Briquetting and particleboard pilots using sawdust and offcuts currently burnt on the Ucayali "
                    "riverbank, generating income and reducing smoke in the city."
                ),
                "axis": 1,
                "horizon": "medium",
                "lead": "ITP – CITE Forestal Pucallpa",
                "partners": "UNU, Municipalidad Provincial de Coronel Portillo, IESTP Suiza",
                "indicator_es": "Toneladas de residuos valorizados por año (meta: 12 000 t al 2026)",
                "indicator_en": "Tonnes of residues recovered per year (target: 12,000 t by 2026)",
                "budget_pen": 2100000,
            },
            {
                "kind": "action_line",
                "title_es": "Plantaciones comerciales de bolaina, capirona y marupa en áreas degradadas",
                "title_en": "Commercial bolaina, capirona and marupa plantations on degraded land",
                "description_es": (
                    "Material genético mejorado, asistencia técnica y contratos de compra con aserraderos para "
                    "pequeños productores que reforesten pastos y purmas abandonadas."
                ),
                "description_en": (
                    "Improved genetic material, technical assistance and purchase agreements with sawmills for "
                    "smallholders reforesting abandoned pastures and fallows."
                ),
                "axis": 2,
                "horizon": "long",
                "lead": "Servicio Nacional Forestal y de Fauna Silvestre (SERFOR)",
                "partners": "Reforestadora Amazónica S.A., IIAP, UNU, Gobierno Regional de Ucayali",
                "indicator_es": "Hectáreas de plantaciones registradas (meta: 10 000 ha al 2030)",
                "indicator_en": "Registered plantation hectares (target: 10,000 ha by 2030)",
                "budget_pen": 8700000,
            },
            {
                "kind": "action_line",
                "title_es": "Misiones comerciales de madera legal certificada a EE. UU., la Unión Europea y China",
                "title_en": "Trade missions for certified legal timber to the US, the European Union and China",
                "description_es": (
                    "Agenda de compradores para empresas con certificación FSC o verificación de legalidad, con "
                    "fichas de especies menos conocidas para diversificar la oferta."
                ),
                "description_en": (
                    "Buyer meetings for FSC-certified or legality-verified firms, with data sheets on lesser-known "
                    "species to diversify supply."
                ),
                "axis": 3,
                "horizon": "short",
                "lead": "PROMPERÚ",
                "partners": "ADEX – Comité de Madera, Cámara Nacional Forestal, Consorcio Forestal Amazónico",
                "indicator_es": "Exportaciones de madera certificada de Ucayali (meta: USD 30 millones al 2025)",
                "indicator_en": "Certified timber exports from Ucayali (target: USD 30 million by 2025)",
                "budget_pen": 1200000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Digitalización de permisos, guías de transporte y libros de operaciones en el SNIFFS",
                "title_en": "Digitalising permits, transport waybills and operations logs in SNIFFS",
                "description_es": (
                    "Emitir en línea las guías de transporte forestal y los libros de operaciones, con versión "
                    "fuera de línea para comunidades sin conectividad y cruce automático con OSINFOR."
                ),
                "description_en": (
                    "Issue forest transport waybills and operations logs online, with an offline version for "
                    "communities without connectivity and automatic cross-checks with OSINFOR."
                ),
                "axis": 0,
                "horizon": "short",
                "lead": "Servicio Nacional Forestal y de Fauna Silvestre (SERFOR)",
                "partners": "Gerencia Regional Forestal de Ucayali, OSINFOR, SUNAT",
                "indicator_es": "% de guías de transporte forestal emitidas electrónicamente (meta: 90 % al 2025)",
                "indicator_en": "% of forest transport waybills issued electronically (target: 90% by 2025)",
                "budget_pen": 2600000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Reconocer la certificación FSC como evidencia de legalidad en la supervisión de OSINFOR",
                "title_en": "Recognise FSC certification as evidence of legality in OSINFOR supervision",
                "description_es": (
                    "Aplicar supervisión basada en riesgo: menor frecuencia de inspección para títulos habilitantes "
                    "certificados y mayor foco en zonas de alto riesgo de tala ilegal."
                ),
                "description_en": (
                    "Apply risk-based supervision: fewer inspections for certified forest titles and a sharper "
                    "focus on areas at high risk of illegal logging."
                ),
                "axis": 0,
                "horizon": "medium",
                "lead": "Organismo de Supervisión de los Recursos Forestales y de Fauna Silvestre (OSINFOR)",
                "partners": "SERFOR, FSC Perú, Cámara Nacional Forestal",
                "indicator_es": "% de supervisiones dirigidas a zonas de alto riesgo (meta: 70 % al 2025)",
                "indicator_en": "% of inspections targeting high-risk areas (target: 70% by 2025)",
                "budget_pen": 140000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Madera de origen legal verificado obligatoria en compras públicas de mobiliario e infraestructura",
                "title_en": "Verified legal timber mandatory in public procurement of furniture and infrastructure",
                "description_es": (
                    "Incluir en las bases estándar del Estado la exigencia de trazabilidad legal de la madera, con "
                    "puntaje adicional a productos certificados y fabricados en la Amazonía."
                ),
                "description_en": (
                    "Add legal timber traceability to standard state tender documents, with extra points for "
                    "certified products manufactured in the Amazon."
                ),
                "axis": 3,
                "horizon": "medium",
                "lead": "Organismo Supervisor de las Contrataciones del Estado (OSCE)",
                "partners": "Perú Compras, Ministerio de Educación, SERFOR",
                "indicator_es": "Compras públicas con madera legal verificada (meta: S/ 50 millones anuales al 2026)",
                "indicator_en": "Public purchases with verified legal timber (target: PEN 50 million a year by 2026)",
                "budget_pen": 170000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Incentivo a la reinversión en transformación secundaria de madera en la Amazonía",
                "title_en": "Reinvestment incentive for secondary timber processing in the Amazon",
                "description_es": (
                    "Reorientar beneficios de la Ley de Promoción de la Inversión en la Amazonía hacia la "
                    "reinversión en maquinaria de transformación secundaria y secado."
                ),
                "description_en": (
                    "Redirect benefits under the Amazon Investment Promotion Law towards reinvestment in secondary "
                    "processing and drying machinery."
                ),
                "axis": 1,
                "horizon": "medium",
                "lead": "Ministerio de Economía y Finanzas (MEF)",
                "partners": "PRODUCE, Gobierno Regional de Ucayali, Cámara Nacional Forestal",
                "indicator_es": "Inversión reinvertida acogida al incentivo (meta: S/ 60 millones al 2027)",
                "indicator_en": "Reinvestment under the incentive (target: PEN 60 million by 2027)",
                "budget_pen": 160000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Registro en línea y sin costo de plantaciones forestales en predios privados",
                "title_en": "Free online registration of forest plantations on private land",
                "description_es": (
                    "Simplificar la inscripción de plantaciones con georreferenciación desde el celular, para que "
                    "el productor pueda transportar y vender su madera sin trámites adicionales."
                ),
                "description_en": (
                    "Simplify plantation registration with mobile georeferencing so growers can transport and sell "
                    "their timber without additional paperwork."
                ),
                "axis": 2,
                "horizon": "short",
                "lead": "Servicio Nacional Forestal y de Fauna Silvestre (SERFOR)",
                "partners": "Gerencia Regional Forestal de Ucayali, Reforestadora Amazónica S.A., AIDER",
                "indicator_es": "Plantaciones registradas en línea (meta: 2000 al 2025)",
                "indicator_en": "Plantations registered online (target: 2,000 by 2025)",
                "budget_pen": 450000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Derecho de aprovechamiento diferenciado para el manejo forestal comunitario",
                "title_en": "Differentiated harvesting fee for community forest management",
                "description_es": (
                    "Reducir el derecho de aprovechamiento para comunidades nativas con plan de manejo vigente y "
                    "empresa comunal, favoreciendo que vendan madera procesada y no árboles en pie."
                ),
                "description_en": (
                    "Lower harvesting fees for indigenous communities with a valid management plan and a community "
                    "enterprise, encouraging sales of processed timber rather than standing trees."
                ),
                "axis": 2,
                "horizon": "medium",
                "lead": "Servicio Nacional Forestal y de Fauna Silvestre (SERFOR)",
                "partners": "ORAU, FECONAU, Gobierno Regional de Ucayali",
                "indicator_es": "Comunidades con empresa forestal comunal operativa (meta: 30 al 2026)",
                "indicator_en": "Communities with an operating community forest enterprise (target: 30 by 2026)",
                "budget_pen": 210000,
            },
        ],
        "comments_es": [
            "Un permiso de aprovechamiento tarda hasta un año; mientras tanto el ilegal ya sacó la madera.",
            "Seguimos mandando tablones en bruto a Lima; el valor agregado se queda afuera.",
            "La certificación FSC es muy cara para una comunidad sola; el modelo grupal es la salida.",
            "El shihuahuaco se está acabando y lo seguimos exportando para decks; hay que diversificar especies.",
            "En Manantay hay cientos de carpinteros informales que podrían hacer el mobiliario escolar.",
            "La bolaina crece rápido, pero nadie siembra si no tiene comprador asegurado.",
            "¿El SNIFFS va a funcionar en comunidades sin internet? Ese es el problema de fondo.",
            "OSINFOR debería premiar a quien cumple con su plan de manejo, no solo sancionar.",
            "El aserrín y las costaneras se queman en la ribera; podríamos hacer briquetas y tableros.",
            "Las comunidades somos dueñas del bosque; queremos ser socias, no vendedoras de árboles en pie.",
            "¡Buena propuesta el laboratorio de identificación de especies! Sirve para fiscalizar y para exportar.",
            "Sin secado técnico la madera llega rajada a destino y perdemos clientes.",
        ],
    },
    # ------------------------------------------------------------------
    # 7. Sustainable shrimp aquaculture — Tumbes
    # ------------------------------------------------------------------
    {
        "slug": "shrimp-aquaculture",
        "name_es": "Acuicultura sostenible de langostino — Tumbes",
        "name_en": "Sustainable shrimp aquaculture — Tumbes",
        "value_chain_es": "Langostino blanco de cultivo (Penaeus vannamei)",
        "value_chain_en": "Farmed whiteleg shrimp (Penaeus vannamei)",
        "region": "Tumbes",
        "summary_es": (
            "Tumbes cultiva langostino desde los años setenta en estanques "
            "vecinos al Santuario Nacional Los Manglares de Tumbes y exporta "
            "principalmente a Estados Unidos y Europa. Conviven grandes "
            "empresas integradas con pequeños productores que sufren brotes de "
            "mancha blanca, dependen de postlarvas ecuatorianas y enfrentan el "
            "alto costo de la energía y los eventos de El Niño. La iniciativa "
            "busca una acuicultura con bioseguridad y trazabilidad, compatible "
            "con la conservación del manglar y con certificaciones internacionales."
        ),
        "summary_en": (
            "Tumbes has farmed shrimp since the 1970s in ponds next to the Los "
            "Manglares de Tumbes National Sanctuary, exporting mainly to the "
            "United States and Europe. Large integrated companies coexist with "
            "small farmers hit by white spot outbreaks, dependent on Ecuadorian "
            "post-larvae and facing high energy costs and El Niño events. The "
            "initiative seeks biosecure, traceable aquaculture that is "
            "compatible with mangrove conservation and international certification."
        ),
        "venues": [
            "Auditorio de la Universidad Nacional de Tumbes (UNTUMBES), Tumbes",
            "Auditorio de la Cámara de Comercio y Producción de Tumbes",
            "Salón comunal de Puerto Pizarro, Tumbes",
        ],
        "axes": [
            {"es": "Sanidad acuícola y bioseguridad", "en": "Aquatic animal health and biosecurity"},
            {"es": "Trazabilidad, inocuidad y certificación", "en": "Traceability, food safety and certification"},
            {"es": "Manglar y gestión del agua", "en": "Mangroves and water management"},
            {"es": "Productividad y tecnología", "en": "Productivity and technology"},
        ],
        "organisations": {
            "public": [
                "Organismo Nacional de Sanidad Pesquera (SANIPES)",
                "PRODUCE – Dirección General de Acuicultura",
                "Programa Nacional de Innovación en Pesca y Acuicultura (PNIPA)",
                "Gobierno Regional de Tumbes – Dirección Regional de la Producción",
                "SERNANP – Santuario Nacional Los Manglares de Tumbes",
                "Autoridad Nacional del Agua – ALA Tumbes",
                "Instituto del Mar del Perú (IMARPE) – Laboratorio Costero de Tumbes",
            ],
            "private": [
                "Sociedad Nacional de Acuicultura (SNA)",
                "Marinazul S.A.",
                "Cámara de Comercio y Producción de Tumbes",
                "Asociación de Productores Langostineros de Tumbes",
                "Asociación de Pequeños Productores Acuícolas de Zarumilla",
                "ADEX – Comité de Acuicultura",
            ],
            "academic": [
                "Universidad Nacional de Tumbes (UNTUMBES) – Facultad de Ingeniería Pesquera y Ciencias del Mar",
                "Universidad Nacional de Piura (UNP)",
                "Universidad Peruana Cayetano Heredia – Facultad de Ciencias y Filosofía",
                "Universidad Nacional Agraria La Molina – Facultad de Pesquería",
                "Universidad Nacional Federico Villarreal – Facultad de Oceanografía, Pesquería y Ciencias Alimentarias",
                "Instituto de Educación Superior Tecnológico Público Contralmirante Manuel Villar, Zorritos",
            ],
            "civil_society": [
                "Asociación de Extractores de Concha Negra y Cangrejo del Manglar de Puerto Pizarro",
                "Comité de Gestión del Santuario Nacional Los Manglares de Tumbes",
                "Junta de Usuarios del Sector Hidráulico Tumbes",
                "Conservación Internacional Perú",
                "WWF Perú",
                "Asociación de Pescadores Artesanales de Zorritos",
            ],
        },
        "items": [
            {
                "kind": "action_line",
                "title_es": "Red regional de vigilancia de mancha blanca con diagnóstico PCR en 48 horas",
                "title_en": "Regional white spot surveillance network with 48-hour PCR diagnosis",
                "description_es": (
                    "Laboratorio de referencia y puntos de toma de muestras en Zarumilla, Tumbes y Contralmirante "
                    "Villar, con tarifa social para pequeños productores y alertas georreferenciadas de brotes."
                ),
                "description_en": (
                    "A reference laboratory and sampling points in Zarumilla, Tumbes and Contralmirante Villar, with "
                    "a social fee for small farmers and georeferenced outbreak alerts."
                ),
                "axis": 0,
                "horizon": "short",
                "lead": "Organismo Nacional de Sanidad Pesquera (SANIPES)",
                "partners": "UNTUMBES, PNIPA, Asociación de Productores Langostineros de Tumbes",
                "indicator_es": "Análisis PCR realizados por campaña (meta: 3000 al 2025)",
                "indicator_en": "PCR tests performed per cycle (target: 3,000 by 2025)",
                "budget_pen": 2400000,
            },
            {
                "kind": "action_line",
                "title_es": "Programa de bioseguridad y mejores prácticas de manejo para 150 pequeños productores",
                "title_en": "Biosecurity and better management practices programme for 150 small farmers",
                "description_es": (
                    "Asistencia técnica en secado y encalado de estanques, filtros en tomas de agua, densidades "
                    "de siembra y registros, con cofinanciamiento de mallas y aireadores."
                ),
                "description_en": (
                    "Technical assistance on pond drying and liming, intake filters, stocking densities and record "
                    "keeping, with co-funding for screens and aerators."
                ),
                "axis": 0,
                "horizon": "short",
                "lead": "Programa Nacional de Innovación en Pesca y Acuicultura (PNIPA)",
                "partners": "SANIPES, Asociación de Pequeños Productores Acuícolas de Zarumilla, UNTUMBES",
                "indicator_es": "Supervivencia promedio a cosecha en granjas atendidas (meta: de 45 % a 65 % al 2025)",
                "indicator_en": "Average survival at harvest in assisted farms (target: from 45% to 65% by 2025)",
                "budget_pen": 1700000,
            },
            {
                "kind": "action_line",
                "title_es": "Trazabilidad digital lote por lote desde el estanque hasta la planta de proceso",
                "title_en": "Batch-by-batch digital traceability from pond to processing plant",
                "description_es": (
                    "Registro de siembra, alimento, tratamientos y cosecha vinculado al certificado sanitario de "
                    "SANIPES, que facilite las exigencias de importadores de EE. UU. y la Unión Europea."
                ),
                "description_en": (
                    "Records of stocking, feed, treatments and harvest linked to SANIPES health certificates, easing "
                    "requirements from US and European Union importers."
                ),
                "axis": 1,
                "horizon": "medium",
                "lead": "Organismo Nacional de Sanidad Pesquera (SANIPES)",
                "partners": "Sociedad Nacional de Acuicultura, Marinazul S.A., PRODUCE",
                "indicator_es": "% de la producción exportada con trazabilidad digital (meta: 80 % al 2026)",
                "indicator_en": "% of exported output with digital traceability (target: 80% by 2026)",
                "budget_pen": 1900000,
            },
            {
                "kind": "action_line",
                "title_es": "Acompañamiento a la certificación ASC y BAP para asociaciones de pequeños productores",
                "title_en": "Support for ASC and BAP certification for small-farmer associations",
                "description_es": (
                    "Brechas, planes de mejora y auditoría grupal para que los pequeños productores accedan a las "
                    "certificaciones que ya exigen las cadenas de supermercados compradoras."
                ),
                "description_en": (
                    "Gap analyses, improvement plans and group audits so small farmers can obtain the certifications "
                    "that buying supermarket chains already demand."
                ),
                "axis": 1,
                "horizon": "medium",
                "lead": "Sociedad Nacional de Acuicultura (SNA)",
                "partners": "PNIPA, WWF Perú, Asociación de Productores Langostineros de Tumbes",
                "indicator_es": "Hectáreas de espejo de agua certificadas (meta: 1500 ha al 2026)",
                "indicator_en": "Hectares of pond surface certified (target: 1,500 ha by 2026)",
                "budget_pen": 1250000,
            },
            {
                "kind": "action_line",
                "title_es": "Restauración de manglar y zonas de amortiguamiento con participación de concheros",
                "title_en": "Mangrove and buffer-zone restoration with the participation of shellfish gatherers",
                "description_es": (
                    "Reforestación de mangle rojo en canales abandonados y monitoreo de concha negra y cangrejo "
                    "por las asociaciones extractoras, financiado en parte por las langostineras vecinas."
                ),
                "description_en": (
                    "Replanting red mangrove in abandoned channels and monitoring of black ark clams and crabs by "
                    "gatherer associations, partly funded by neighbouring shrimp farms."
                ),
                "axis": 2,
                "horizon": "medium",
                "lead": "SERNANP – Santuario Nacional Los Manglares de Tumbes",
                "partners": "Asociación de Extractores de Concha Negra y Cangrejo, Conservación Internacional Perú, Marinazul S.A.",
                "indicator_es": "Hectáreas de manglar restaurado (meta: 200 ha al 2026)",
                "indicator_en": "Hectares of mangrove restored (target: 200 ha by 2026)",
                "budget_pen": 1500000,
            },
            {
                "kind": "action_line",
                "title_es": "Monitoreo en tiempo real de la calidad del agua en canales de abastecimiento y drenaje",
                "title_en": "Real-time water-quality monitoring in supply and drainage channels",
                "description_es": (
                    "Sondas de oxígeno, salinidad, turbidez y temperatura en los esteros y el río Tumbes, con datos "
                    "abiertos para planificar siembras y detectar descargas de sedimentos."
                ),
                "description_en": (
                    "Oxygen, salinity, turbidity and temperature probes in the estuaries and the Tumbes river, with "
                    "open data to plan stocking and detect sediment discharges."
                ),
                "axis": 2,
                "horizon": "short",
                "lead": "Universidad Nacional de Tumbes (UNTUMBES)",
                "partners": "IMARPE – Laboratorio Costero de Tumbes, ANA – ALA Tumbes, Junta de Usuarios del Sector Hidráulico Tumbes",
                "indicator_es": "Estaciones de monitoreo operativas con datos abiertos (meta: 15 al 2024)",
                "indicator_en": "Monitoring stations operating with open data (target: 15 by 2024)",
                "budget_pen": 980000,
            },
            {
                "kind": "action_line",
                "title_es": "Centro de producción de postlarvas y reproductores libres de patógenos (SPF) en Tumbes",
                "title_en": "Specific-pathogen-free (SPF) post-larvae and broodstock centre in Tumbes",
                "description_es": (
                    "Alianza público-privada para un hatchery con reproductores SPF y programa de selección, "
                    "reduciendo la dependencia de larva ecuatoriana y el riesgo de ingreso de enfermedades."
                ),
                "description_en": (
                    "A public-private hatchery with SPF broodstock and a selection programme, reducing dependence on "
                    "Ecuadorian larvae and the risk of disease introduction."
                ),
                "axis": 3,
                "horizon": "long",
                "lead": "PRODUCE – Dirección General de Acuicultura",
                "partners": "Sociedad Nacional de Acuicultura, UNTUMBES, Universidad Peruana Cayetano Heredia",
                "indicator_es": "% de postlarvas sembradas producidas en Perú (meta: 40 % al 2028)",
                "indicator_en": "% of stocked post-larvae produced in Peru (target: 40% by 2028)",
                "budget_pen": 14000000,
            },
            {
                "kind": "action_line",
                "title_es": "Electrificación de granjas y aireación mecánica para una intensificación sostenible",
                "title_en": "Farm electrification and mechanical aeration for sustainable intensification",
                "description_es": (
                    "Extensión de redes de media tensión a zonas langostineras y cofinanciamiento de aireadores "
                    "eléctricos, reemplazando bombas diésel de alto costo y emisiones."
                ),
                "description_en": (
                    "Extending medium-voltage lines to shrimp farming areas and co-funding electric aerators, "
                    "replacing costly and polluting diesel pumps."
                ),
                "axis": 3,
                "horizon": "medium",
                "lead": "Gobierno Regional de Tumbes – Dirección Regional de la Producción",
                "partners": "Electronoroeste S.A., PNIPA, Asociación de Productores Langostineros de Tumbes",
                "indicator_es": "Productividad media en granjas electrificadas (meta: de 2,5 a 6 t/ha/año al 2027)",
                "indicator_en": "Average yield in electrified farms (target: from 2.5 to 6 t/ha/year by 2027)",
                "budget_pen": 8800000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Zonificación acuícola regional que prohíba nuevas habilitaciones en manglar y amortiguamiento",
                "title_en": "Regional aquaculture zoning banning new farms in mangroves and buffer zones",
                "description_es": (
                    "Aprobar un catastro acuícola con zonas aptas, restringidas y prohibidas, vinculante para "
                    "otorgar derechos y coherente con el plan maestro del santuario."
                ),
                "description_en": (
                    "Approve an aquaculture cadastre with suitable, restricted and prohibited zones, binding for "
                    "granting rights and consistent with the sanctuary's master plan."
                ),
                "axis": 2,
                "horizon": "short",
                "lead": "Gobierno Regional de Tumbes",
                "partners": "PRODUCE, SERNANP, Comité de Gestión del Santuario Nacional Los Manglares de Tumbes",
                "indicator_es": "Hectáreas de manglar perdidas por nuevas granjas (meta: 0 ha desde 2023)",
                "indicator_en": "Mangrove hectares lost to new farms (target: 0 ha from 2023)",
                "budget_pen": 280000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Cuarentena obligatoria y certificado PCR para la importación de postlarvas y reproductores",
                "title_en": "Mandatory quarantine and PCR certificate for imported post-larvae and broodstock",
                "description_es": (
                    "Endurecer el protocolo sanitario de importación en el paso de frontera de Aguas Verdes, con "
                    "análisis de confirmación en Perú antes de la siembra."
                ),
                "description_en": (
                    "Tighten the import health protocol at the Aguas Verdes border crossing, with confirmation tests "
                    "in Peru before stocking."
                ),
                "axis": 0,
                "horizon": "short",
                "lead": "Organismo Nacional de Sanidad Pesquera (SANIPES)",
                "partners": "PRODUCE, SUNAT – Aduanas, UNTUMBES",
                "indicator_es": "% de lotes importados con PCR de confirmación (meta: 100 % al 2024)",
                "indicator_en": "% of imported batches with confirmation PCR (target: 100% by 2024)",
                "budget_pen": 350000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Ventanilla única regional para derechos acuícolas de la categoría AMYPE",
                "title_en": "Regional one-stop shop for small-scale aquaculture (AMYPE) rights",
                "description_es": (
                    "Integrar en un solo expediente la habilitación acuícola, la autorización de uso de agua y el "
                    "instrumento ambiental de las micro y pequeñas granjas."
                ),
                "description_en": (
                    "Combine aquaculture authorisation, water-use permits and environmental instruments for micro and "
                    "small farms into a single file."
                ),
                "axis": 3,
                "horizon": "medium",
                "lead": "PRODUCE – Dirección General de Acuicultura",
                "partners": "Gobierno Regional de Tumbes, ANA – ALA Tumbes, SANIPES",
                "indicator_es": "Plazo promedio para obtener el derecho acuícola (meta: de 18 a 6 meses al 2025)",
                "indicator_en": "Average time to obtain an aquaculture right (target: from 18 to 6 months by 2025)",
                "budget_pen": 300000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Tarifa eléctrica diferenciada para la acuicultura equiparable a la agrícola",
                "title_en": "Differentiated electricity tariff for aquaculture on a par with agriculture",
                "description_es": (
                    "Reconocer el bombeo y la aireación acuícola como uso productivo con opción tarifaria "
                    "especial, reduciendo costos y emisiones frente al diésel."
                ),
                "description_en": (
                    "Recognise aquaculture pumping and aeration as productive use with a special tariff option, "
                    "cutting costs and emissions compared to diesel."
                ),
                "axis": 3,
                "horizon": "medium",
                "lead": "Organismo Supervisor de la Inversión en Energía y Minería (OSINERGMIN)",
                "partners": "MINEM, PRODUCE, Sociedad Nacional de Acuicultura",
                "indicator_es": "Reducción del costo energético por kg producido (meta: 30 % al 2026)",
                "indicator_en": "Reduction in energy cost per kg produced (target: 30% by 2026)",
                "budget_pen": 120000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Fondo de contingencia sanitaria y seguro acuícola ante brotes y El Niño",
                "title_en": "Health contingency fund and aquaculture insurance against outbreaks and El Niño",
                "description_es": (
                    "Crear un fondo con aportes públicos y de exportadores que cubra vaciados sanitarios y daños "
                    "por inundaciones, condicionado a cumplir el programa de bioseguridad."
                ),
                "description_en": (
                    "Create a fund with public and exporter contributions covering sanitary harvests and flood "
                    "damage, conditional on compliance with the biosecurity programme."
                ),
                "axis": 0,
                "horizon": "medium",
                "lead": "PRODUCE",
                "partners": "MEF, Gobierno Regional de Tumbes, Sociedad Nacional de Acuicultura",
                "indicator_es": "Pequeños productores cubiertos por el fondo (meta: 300 al 2026)",
                "indicator_en": "Small farmers covered by the fund (target: 300 by 2026)",
                "budget_pen": 5000000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Acuerdo binacional Perú–Ecuador de monitoreo de las cuencas Puyango-Tumbes y Zarumilla",
                "title_en": "Peru–Ecuador binational agreement to monitor the Puyango-Tumbes and Zarumilla basins",
                "description_es": (
                    "Protocolo de intercambio de datos de calidad de agua y alertas por descargas mineras aguas "
                    "arriba, en el marco del Plan Binacional de Desarrollo de la Región Fronteriza."
                ),
                "description_en": (
                    "A protocol for sharing water-quality data and alerts on upstream mining discharges, under the "
                    "Binational Development Plan for the Border Region."
                ),
                "axis": 2,
                "horizon": "long",
                "lead": "Ministerio de Relaciones Exteriores",
                "partners": "ANA, Gobierno Regional de Tumbes, IMARPE",
                "indicator_es": "Puntos binacionales con datos compartidos (meta: 10 al 2027)",
                "indicator_en": "Binational points with shared data (target: 10 by 2027)",
                "budget_pen": 400000,
            },
        ],
        "comments_es": [
            "La mancha blanca de la última campaña nos dejó sin cosecha en dos pozas; el diagnóstico llegó tarde.",
            "Los pequeños no podemos pagar un PCR por cada siembra; necesitamos un laboratorio regional accesible.",
            "Seguimos dependiendo de la larva ecuatoriana; si cierran la frontera, nos paramos.",
            "Con diésel la aireación no es rentable; la electrificación es clave para intensificar.",
            "Los concheros del manglar también somos parte de esta cadena y casi nunca nos consultan.",
            "¿SANIPES tendrá personal suficiente en Tumbes para sostener la trazabilidad?",
            "El comprador de Estados Unidos ya pide ASC; sin certificación el precio baja.",
            "Ojo con El Niño costero: en 2017 las inundaciones destruyeron bordos y compuertas.",
            "El río Tumbes trae sedimentos y metales de la minería del lado ecuatoriano.",
            "¡Muy bien lo del centro de postlarvas! Pero que sea en alianza con los productores.",
            "La zonificación tiene que ser clara: hay granjas que avanzan sobre el manglar y nadie dice nada.",
            "Propongo que la UNTUMBES publique un banco de datos abierto de calidad de agua.",
        ],
    },
    # ------------------------------------------------------------------
    # 8. Cultural, natural and adventure tourism — Lambayeque & La Libertad
    # ------------------------------------------------------------------
    {
        "slug": "tourism",
        "name_es": "Turismo cultural, natural y de aventura — Lambayeque y La Libertad",
        "name_en": "Cultural, natural and adventure tourism — Lambayeque and La Libertad",
        "value_chain_es": "Turismo cultural, natural y de aventura",
        "value_chain_en": "Cultural, nature and adventure tourism",
        "region": "Lambayeque y La Libertad",
        "summary_es": (
            "La costa norte reúne un patrimonio excepcional: Chan Chan, las "
            "Huacas del Sol y de la Luna, El Brujo y la Señora de Cao en La "
            "Libertad; el Museo Tumbas Reales de Sipán, Túcume, el Bosque de "
            "Pómac y Chaparrí en Lambayeque, además de las olas de Huanchaco y "
            "Chicama. Aun así, el visitante se queda pocas noches, la oferta "
            "está fragmentada entre ambas regiones y los sitios de barro son "
            "vulnerables a las lluvias de El Niño. La iniciativa propone una "
            "Ruta Moche integrada, con turismo comunitario y de aventura, "
            "conservación del patrimonio y promoción digital conjunta."
        ),
        "summary_en": (
            "The northern coast holds exceptional heritage: Chan Chan, the "
            "Huacas del Sol y de la Luna, El Brujo and the Lady of Cao in La "
            "Libertad; the Royal Tombs of Sipán Museum, Túcume, Pómac Forest "
            "and Chaparrí in Lambayeque, plus the waves of Huanchaco and "
            "Chicama. Yet visitors stay few nights, the offer is fragmented "
            "across the two regions and the earthen sites are vulnerable to El "
            "Niño rains. The initiative proposes an integrated Moche Route with "
            "community and adventure tourism, heritage conservation and joint "
            "digital promotion."
        ),
        "venues": [
            "Auditorio del Museo Tumbas Reales de Sipán, Lambayeque",
            "Auditorio de la Cámara de Comercio de La Libertad, Trujillo",
            "Centro de visitantes de las Huacas del Sol y de la Luna, Moche",
        ],
        "axes": [
            {"es": "Producto turístico integrado (Ruta Moche)", "en": "Integrated tourism product (Moche Route)"},
            {"es": "Conservación y gestión del patrimonio", "en": "Heritage conservation and management"},
            {"es": "Turismo comunitario, de naturaleza y de aventura", "en": "Community, nature and adventure tourism"},
            {"es": "Promoción digital y conectividad", "en": "Digital promotion and connectivity"},
        ],
        "organisations": {
            "public": [
                "Ministerio de Comercio Exterior y Turismo (MINCETUR)",
                "PROMPERÚ",
                "Ministerio de Cultura – Dirección Desconcentrada de Cultura La Libertad",
                "Ministerio de Cultura – Unidad Ejecutora 005 Naylamp Lambayeque",
                "Gobierno Regional de Lambayeque – Gerencia Regional de Comercio Exterior y Turismo",
                "Gobierno Regional La Libertad – Gerencia Regional de Comercio Exterior, Turismo y Artesanía",
                "SERNANP – Santuario Histórico Bosque de Pómac",
                "Municipalidad Distrital de Huanchaco",
            ],
            "private": [
                "Cámara de Comercio de La Libertad",
                "Cámara de Comercio y Producción de Lambayeque",
                "Asociación de Hoteles, Restaurantes y Afines (AHORA) – La Libertad",
                "Asociación Peruana de Operadores de Turismo Receptivo e Interno (APOTUR)",
                "Asociación de Agencias de Viajes y Turismo de Lambayeque",
                "Asociación de Escuelas de Surf de Huanchaco",
                "Asociación de Guías Oficiales de Turismo de La Libertad",
            ],
            "academic": [
                "Universidad Nacional de Trujillo (UNT)",
                "Universidad Nacional Pedro Ruiz Gallo (UNPRG)",
                "Universidad Privada Antenor Orrego (UPAO)",
                "Universidad Católica Santo Toribio de Mogrovejo (USAT)",
                "Universidad César Vallejo",
                "Universidad Señor de Sipán",
            ],
            "civil_society": [
                "Fundación Wiese – Complejo Arqueológico El Brujo",
                "Patronato Huacas del Valle de Moche",
                "Comunidad Campesina Muchik Santa Catalina de Chongoyape – ACP Chaparrí",
                "Asociación de Pescadores Artesanales de Caballitos de Totora de Huanchaco",
                "Red de Turismo Rural Comunitario de Túcume",
                "Asociación de Artesanas de Monsefú",
            ],
        },
        "items": [
            {
                "kind": "action_line",
                "title_es": "Ruta Moche integrada con boleto único para Sipán, Túcume, El Brujo, Huacas de Moche y Chan Chan",
                "title_en": "Integrated Moche Route with a single ticket for Sipán, Túcume, El Brujo, Huacas de Moche and Chan Chan",
                "description_es": (
                    "Diseño de un circuito de cinco a siete días entre Chiclayo y Trujillo, con boleto integrado, "
                    "transporte turístico entre sitios y paquetes comercializados por operadores receptivos."
                ),
                "description_en": (
                    "A five-to-seven-day circuit between Chiclayo and Trujillo with an integrated ticket, tourist "
                    "transport between sites and packages sold by inbound operators."
                ),
                "axis": 0,
                "horizon": "medium",
                "lead": "Ministerio de Comercio Exterior y Turismo (MINCETUR)",
                "partners": "Ministerio de Cultura, Fundación Wiese, APOTUR, Gobiernos Regionales de Lambayeque y La Libertad",
                "indicator_es": "Pernoctaciones promedio en la ruta (meta: de 1,8 a 3 noches al 2026)",
                "indicator_en": "Average overnight stays on the route (target: from 1.8 to 3 nights by 2026)",
                "budget_pen": 3500000,
            },
            {
                "kind": "action_line",
                "title_es": "Certificación de calidad CALTUR y buenas prácticas para hoteles, restaurantes y guías",
                "title_en": "CALTUR quality certification and good practices for hotels, restaurants and guides",
                "description_es": (
                    "Asistencia técnica para que los prestadores de la ruta obtengan reconocimientos de calidad y "
                    "estándares de bioseguridad, con prioridad a mypes fuera de Trujillo y Chiclayo."
                ),
                "description_en": (
                    "Technical assistance for route providers to earn quality recognition and health-safety "
                    "standards, prioritising small businesses outside Trujillo and Chiclayo."
                ),
                "axis": 0,
                "horizon": "short",
                "lead": "Ministerio de Comercio Exterior y Turismo (MINCETUR)",
                "partners": "AHORA – La Libertad, Cámara de Comercio y Producción de Lambayeque, USAT",
                "indicator_es": "Prestadores con reconocimiento de calidad (meta: 180 al 2025)",
                "indicator_en": "Providers with quality recognition (target: 180 by 2025)",
                "budget_pen": 850000,
            },
            {
                "kind": "action_line",
                "title_es": "Conservación preventiva de Chan Chan frente a lluvias de El Niño: coberturas y drenaje",
                "title_en": "Preventive conservation of Chan Chan against El Niño rains: roofing and drainage",
                "description_es": (
                    "Coberturas livianas sobre frisos expuestos, drenaje perimetral y control de la napa freática "
                    "en los conjuntos amurallados abiertos a la visita, priorizando el Palacio Nik An."
                ),
                "description_en": (
                    "Lightweight roofing over exposed friezes, perimeter drainage and water-table control in the "
                    "walled compounds open to visitors, starting with the Nik An Palace."
                ),
                "axis": 1,
                "horizon": "short",
                "lead": "Ministerio de Cultura – Dirección Desconcentrada de Cultura La Libertad",
                "partners": "Universidad Nacional de Trujillo, Gobierno Regional La Libertad, UPAO",
                "indicator_es": "m² de frisos protegidos con cobertura (meta: 12 000 m² al 2024)",
                "indicator_en": "m² of friezes protected with roofing (target: 12,000 m² by 2024)",
                "budget_pen": 6800000,
            },
            {
                "kind": "action_line",
                "title_es": "Centro de interpretación y talleres de artesanía moche y lambayecana",
                "title_en": "Interpretation centre and Moche and Lambayeque craft workshops",
                "description_es": (
                    "Talleres abiertos de cerámica, orfebrería y textiles de Monsefú junto a los museos, con "
                    "espacios de venta directa y réplicas certificadas por la unidad ejecutora."
                ),
                "description_en": (
                    "Open workshops on ceramics, metalwork and Monsefú textiles next to the museums, with direct "
                    "sales spaces and replicas certified by the executing unit."
                ),
                "axis": 1,
                "horizon": "medium",
                "lead": "Ministerio de Cultura – Unidad Ejecutora 005 Naylamp Lambayeque",
                "partners": "Asociación de Artesanas de Monsefú, UNPRG, Gobierno Regional de Lambayeque",
                "indicator_es": "Ingresos anuales de artesanos por venta en museos (meta: S/ 2 millones al 2026)",
                "indicator_en": "Annual artisan income from museum sales (target: PEN 2 million by 2026)",
                "budget_pen": 2300000,
            },
            {
                "kind": "action_line",
                "title_es": "Turismo rural comunitario en Túcume, Chaparrí y el Bosque de Pómac",
                "title_en": "Community-based rural tourism in Túcume, Chaparrí and Pómac Forest",
                "description_es": (
                    "Fortalecimiento de emprendimientos familiares de hospedaje, gastronomía y guiado, con rutas "
                    "de avistamiento del oso de anteojos y la pava aliblanca en Chaparrí."
                ),
                "description_en": (
                    "Strengthening family lodging, food and guiding businesses, with spectacled bear and "
                    "white-winged guan watching routes in Chaparrí."
                ),
                "axis": 2,
                "horizon": "short",
                "lead": "Gobierno Regional de Lambayeque – Gerencia Regional de Comercio Exterior y Turismo",
                "partners": "Red de Turismo Rural Comunitario de Túcume, Comunidad Campesina Santa Catalina de Chongoyape, SERNANP",
                "indicator_es": "Emprendimientos de TRC reconocidos por MINCETUR (meta: 25 al 2025)",
                "indicator_en": "Community tourism businesses recognised by MINCETUR (target: 25 by 2025)",
                "budget_pen": 1400000,
            },
            {
                "kind": "action_line",
                "title_es": "Corredor de surf y aventura Huanchaco–Chicama–Pacasmayo con estándares de seguridad",
                "title_en": "Huanchaco–Chicama–Pacasmayo surf and adventure corridor with safety standards",
                "description_es": (
                    "Señalización de playas, salvavidas certificados, escuelas de surf formalizadas y un calendario "
                    "de competencias que aproveche la ola izquierda más larga del mundo en Chicama."
                ),
                "description_en": (
                    "Beach signage, certified lifeguards, formal surf schools and a competition calendar that "
                    "leverages the world's longest left-hand wave at Chicama."
                ),
                "axis": 2,
                "horizon": "medium",
                "lead": "Gobierno Regional La Libertad – Gerencia Regional de Comercio Exterior, Turismo y Artesanía",
                "partners": "Municipalidad Distrital de Huanchaco, Asociación de Escuelas de Surf de Huanchaco, PROMPERÚ",
                "indicator_es": "Turistas internacionales de surf por año (meta: 25 000 al 2026)",
                "indicator_en": "International surf tourists per year (target: 25,000 by 2026)",
                "budget_pen": 2200000,
            },
            {
                "kind": "action_line",
                "title_es": "Observatorio turístico y plataforma digital conjunta de promoción y reservas",
                "title_en": "Tourism observatory and joint digital promotion and booking platform",
                "description_es": (
                    "Inteligencia de demanda con datos de llegadas, gasto y reputación en línea, conectada a una "
                    "plataforma de promoción de la Ruta Moche operada con las cámaras de comercio."
                ),
                "description_en": (
                    "Demand intelligence using arrivals, spending and online reputation data, connected to a Moche "
                    "Route promotion platform run with the chambers of commerce."
                ),
                "axis": 3,
                "horizon": "short",
                "lead": "PROMPERÚ",
                "partners": "Universidad Nacional de Trujillo, USAT, Cámara de Comercio de La Libertad, Cámara de Comercio y Producción de Lambayeque",
                "indicator_es": "Reservas generadas por la plataforma (meta: 20 000 al 2025)",
                "indicator_en": "Bookings generated by the platform (target: 20,000 by 2025)",
                "budget_pen": 1600000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Mancomunidad regional Lambayeque–La Libertad para la gestión de la Ruta Moche",
                "title_en": "Lambayeque–La Libertad regional association to manage the Moche Route",
                "description_es": (
                    "Constituir una mancomunidad regional con fondo común de promoción y un ente gestor de destino, "
                    "superando la competencia entre regiones por el mismo visitante."
                ),
                "description_en": (
                    "Set up a regional association (mancomunidad) with a common promotion fund and a destination "
                    "management body, ending competition between regions for the same visitor."
                ),
                "axis": 0,
                "horizon": "medium",
                "lead": "Gobierno Regional La Libertad",
                "partners": "Gobierno Regional de Lambayeque, MINCETUR, Secretaría de Descentralización – PCM",
                "indicator_es": "Mancomunidad inscrita y fondo común operativo (meta: S/ 3 millones anuales al 2025)",
                "indicator_en": "Association registered and common fund operating (target: PEN 3 million a year by 2025)",
                "budget_pen": 300000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Destinar un porcentaje de la taquilla de cada sitio arqueológico a su conservación in situ",
                "title_en": "Earmark a share of each archaeological site's ticket revenue for on-site conservation",
                "description_es": (
                    "Modificar la normativa de recursos directamente recaudados del Ministerio de Cultura para que al "
                    "menos el 40 % de la taquilla se reinvierta en el sitio que la genera."
                ),
                "description_en": (
                    "Amend Ministry of Culture rules on self-generated revenue so that at least 40% of ticket sales "
                    "is reinvested in the site that generates it."
                ),
                "axis": 1,
                "horizon": "medium",
                "lead": "Ministerio de Cultura",
                "partners": "MEF, Unidad Ejecutora 005 Naylamp, Dirección Desconcentrada de Cultura La Libertad",
                "indicator_es": "% de la taquilla reinvertida en los sitios de la ruta (meta: 40 % al 2025)",
                "indicator_en": "% of ticket revenue reinvested in route sites (target: 40% by 2025)",
                "budget_pen": 150000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Control urbano en las zonas intangibles de Chan Chan y el Complejo Huacas del Sol y de la Luna",
                "title_en": "Urban control in the protected zones of Chan Chan and the Huacas del Sol y de la Luna",
                "description_es": (
                    "Ordenanza provincial que impida habilitaciones urbanas y obras en áreas intangibles, con "
                    "sanciones efectivas y reubicación concertada de invasiones."
                ),
                "description_en": (
                    "A provincial ordinance preventing urban development and works in protected areas, with "
                    "effective penalties and negotiated relocation of informal settlements."
                ),
                "axis": 1,
                "horizon": "short",
                "lead": "Municipalidad Provincial de Trujillo",
                "partners": "Ministerio de Cultura, Patronato Huacas del Valle de Moche, Gobierno Regional La Libertad",
                "indicator_es": "Hectáreas intangibles recuperadas o libres de nuevas ocupaciones (meta: 100 % al 2025)",
                "indicator_en": "Protected hectares recovered or free from new occupation (target: 100% by 2025)",
                "budget_pen": 250000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Registro simplificado para emprendimientos de turismo rural comunitario",
                "title_en": "Simplified registration for community-based rural tourism businesses",
                "description_es": (
                    "Crear una categoría de registro con requisitos adaptados a hospedajes familiares y asociaciones "
                    "comunales, que les permita facturar y aparecer en plataformas de reserva."
                ),
                "description_en": (
                    "Create a registration category with requirements adapted to family lodgings and community "
                    "associations, allowing them to invoice and appear on booking platforms."
                ),
                "axis": 2,
                "horizon": "short",
                "lead": "Ministerio de Comercio Exterior y Turismo (MINCETUR)",
                "partners": "SUNAT, Gobierno Regional de Lambayeque, Red de Turismo Rural Comunitario de Túcume",
                "indicator_es": "Emprendimientos comunitarios formalizados (meta: 60 al 2025)",
                "indicator_en": "Community businesses formalised (target: 60 by 2025)",
                "budget_pen": 120000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Inscripción de las rompientes de Chicama, Pacasmayo y Pimentel en el Registro Nacional de Rompientes",
                "title_en": "Listing the Chicama, Pacasmayo and Pimentel surf breaks in the National Surf Break Registry",
                "description_es": (
                    "Proteger legalmente las olas frente a obras portuarias y espigones, como ya ocurre con "
                    "Huanchaco, Reserva Mundial de Surf, y asegurar su valor turístico a largo plazo."
                ),
                "description_en": (
                    "Legally protect the waves against port works and groynes, as already happens with Huanchaco, a "
                    "World Surfing Reserve, and secure their long-term tourism value."
                ),
                "axis": 2,
                "horizon": "short",
                "lead": "Dirección General de Capitanías y Guardacostas (DICAPI)",
                "partners": "Instituto Peruano del Deporte, Gobierno Regional La Libertad, Asociación de Escuelas de Surf de Huanchaco",
                "indicator_es": "Rompientes inscritas en el registro (meta: 3 al 2024)",
                "indicator_en": "Surf breaks listed in the registry (target: 3 by 2024)",
                "budget_pen": 90000,
            },
            {
                "kind": "policy_reform",
                "title_es": "Incentivos a nuevas rutas aéreas internacionales a Chiclayo y Trujillo",
                "title_en": "Incentives for new international air routes to Chiclayo and Trujillo",
                "description_es": (
                    "Reducción temporal de tasas aeroportuarias y fondo de marketing compartido con aerolíneas que "
                    "abran vuelos directos desde Bogotá, Quito o Panamá."
                ),
                "description_en": (
                    "Temporary airport fee reductions and a shared marketing fund with airlines opening direct "
                    "flights from Bogotá, Quito or Panama."
                ),
                "axis": 3,
                "horizon": "long",
                "lead": "Ministerio de Transportes y Comunicaciones (MTC)",
                "partners": "MINCETUR, PROMPERÚ, Gobiernos Regionales de Lambayeque y La Libertad",
                "indicator_es": "Rutas internacionales directas operando (meta: 2 al 2027)",
                "indicator_en": "Direct international routes operating (target: 2 by 2027)",
                "budget_pen": 4500000,
            },
        ],
        "comments_es": [
            "El turista llega a Chiclayo, ve Sipán en un día y se va; necesitamos una ruta que lo haga quedarse.",
            "Chan Chan se deteriora cada vez que llueve; sin coberturas, el próximo Niño será fatal.",
            "¿Por qué no un boleto integrado entre Lambayeque y La Libertad? Hoy cada sitio cobra por separado.",
            "En Túcume las familias ya reciben turistas, pero sin formalización no aparecemos en las plataformas.",
            "Los caballitos de totora son patrimonio vivo; los pescadores de Huanchaco deben recibir parte de los beneficios.",
            "La conectividad aérea es el cuello de botella: pocos vuelos y muy caros.",
            "¡Huanchaco es Reserva Mundial de Surf y casi nadie afuera lo sabe!",
            "Los guías oficiales competimos con informales que cobran la mitad.",
            "Hay que cuidar Pómac: las invasiones y la tala de algarrobo siguen.",
            "Propongo que las universidades armen un observatorio turístico con datos abiertos.",
            "Las artesanas de Monsefú necesitamos espacios de venta en los museos, no solo en ferias.",
            "La inseguridad en Trujillo espanta al visitante; también es parte del problema turístico.",
        ],
    },
]

FIRST_NAMES: List[str] = [
    "José", "María", "Jesús", "Rocío", "Juan", "Rosa", "Luis", "Carmen",
    "Carlos", "Ana", "Jorge", "Luz", "Miguel", "Elena", "Víctor", "Gladys",
    "Julio", "Marisol", "César", "Silvia", "Raúl", "Teresa", "Óscar", "Pilar",
    "Ángel", "Milagros", "Edwin", "Yolanda", "Walter", "Flor", "Wilfredo", "Nelly",
    "Hugo", "Norma", "Percy", "Maribel", "Alfredo", "Karina", "Fernando", "Lucía",
    "Iván", "Verónica", "Martín", "Giovanna", "Rubén", "Patricia", "Félix", "Sofía",
    "Andrés", "Mónica", "Ricardo", "Inés", "Sebastián", "Jimena", "Diego", "Valeria",
    "Manuel", "Fiorella", "Efraín", "Gianella", "Héctor", "Susana", "Renzo", "Liliana",
    "Javier", "Beatriz", "Rómulo", "Soledad", "Teodoro", "Celia", "Nicolás", "Ruth",
    "Ronald", "Isabel", "Alberto", "Mercedes", "Fidel", "Zenaida", "Abel", "Delia",
]

LAST_NAMES: List[str] = [
    "Quispe", "Huamán", "Mamani", "Flores", "Rodríguez", "Ñahui", "Sánchez", "García",
    "Rojas", "Díaz", "Torres", "Ramírez", "Chávez", "Vásquez", "Gutiérrez", "Mendoza",
    "Castillo", "Espinoza", "Ramos", "Vargas", "Cruz", "Pérez", "Fernández", "López",
    "Gonzales", "Romero", "Condori", "Ccama", "Palomino", "Cárdenas", "Aguilar", "Salazar",
    "Medina", "Paredes", "Ríos", "Córdova", "Ruiz", "Núñez", "Cabrera", "Villanueva",
    "Zapata", "Calderón", "Cáceres", "Pacheco", "Ayala", "Valdivia", "Bustamante", "Taipe",
    "Yupanqui", "Poma", "Ccori", "Choque", "Apaza", "Inga", "Tello", "Salas",
    "Arana", "Alvarado", "Benavides", "Cornejo", "Chumpitaz", "Saavedra", "Huanca", "Cusi",
    "Villacorta", "Ushiñahua", "Panduro", "Tapullima", "Sangama", "Ñaupari", "Sullca", "Oré",
    "Zevallos", "Montoya", "Álvarez", "Ortiz", "Yauri", "Ccahuana", "Ticona", "León",
]
