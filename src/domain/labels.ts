/** Japanese labels of the codes, used where the server itself speaks (reasons, PDFs, errors). */
import type { AvailabilityStatus, OrganizationKind, PatientGroup, Procedure, Role, TeamRole } from './codes.js';

export const roleLabels: Record<Role, string> = {
  admin: 'システム管理者',
  center_coordinator: '地域ケア総合推進センター',
  hospital_liaison: '病院（地域連携室）',
  provider: '在宅サービス事業所',
  association_admin: '医師会',
  city_analyst: '岡山市（分析）',
};

export const organizationKindLabels: Record<OrganizationKind, string> = {
  hospital: '病院',
  clinic: '診療所',
  visiting_nursing: '訪問看護ステーション',
  visiting_rehab: '訪問リハビリテーション',
  care_management: '居宅介護支援事業所',
  community_support_center: '地域包括支援センター',
  home_dental: '訪問歯科',
  home_pharmacy: '訪問薬局',
  care_service: 'その他の介護サービス',
  welfare_office: '福祉事務所',
  public_health_center: '保健所',
  social_welfare_council: '社会福祉協議会',
  coordination_center: '地域ケア総合推進センター',
  medical_association: '医師会',
  city: '市役所',
};

export const patientGroupLabels: Record<PatientGroup, string> = {
  elderly: '高齢者',
  pediatric_medical_care: '医療的ケア児',
  cancer: 'がん',
  terminal_care: '看取り',
  intractable_disease: '難病',
  dementia: '認知症',
  psychiatric: '精神疾患',
  disability: '障害',
};

export const procedureLabels: Record<Procedure, string> = {
  home_oxygen: '在宅酸素',
  ventilator: '人工呼吸器',
  tracheostomy: '気管切開',
  suction: '喀痰吸引',
  tube_feeding: '経管栄養',
  central_venous_nutrition: '中心静脈栄養',
  opioid_pain_control: '麻薬による疼痛管理',
  urinary_catheter: '尿道カテーテル',
  pressure_ulcer: '褥瘡処置',
  dialysis: '透析',
  rehabilitation: 'リハビリテーション',
  stoma: 'ストーマ管理',
  insulin: 'インスリン注射',
};

export const availabilityStatusLabels: Record<AvailabilityStatus, string> = {
  accepting: '受入可',
  limited: '条件付きで受入可',
  full: '受入不可（満床）',
};

export const teamRoleLabels: Record<TeamRole, string> = {
  primary_doctor: '主治医',
  secondary_doctor: '副主治医',
  home_visit_specialist: '在宅専門医',
  visiting_nurse: '訪問看護',
  care_manager: 'ケアマネジャー',
  visiting_rehab: '訪問リハビリ',
  home_dental: '訪問歯科',
  home_pharmacy: '訪問薬剤',
  community_support_center: '地域包括支援センター',
  welfare_contact: '福祉窓口',
  backup_hospital: '後方支援病院',
};
